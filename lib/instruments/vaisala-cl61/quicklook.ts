// What the quicklooks job draws for a CL61: attenuated backscatter on a log scale (the usual ceilometer
// curtain), the depolarisation ratio, and the first three cloud base heights. Backscatter has fixed colour
// limits (Cloudnet's 1e-7..1e-4 m-1 sr-1): with percentile limits a clear night's noise was stretched over the
// whole colour map and looked like cloud, and no two days' images could be compared.
import type { QuicklookRecipe } from '../types';

export const cl61Quicklook: QuicklookRecipe = {
  plots: [{
    name: 'backscatter',
    title: 'Ceilometer',
    panels: [
      { type: 'curtain', title: 'Attenuated backscatter', variable: 'beta_att', scale: 'log', range: [-7, -4] },
      { type: 'curtain', title: 'Linear depolarisation ratio', variable: 'linear_depol_ratio', scale: 'linear', range: [0, 0.5] },
      { type: 'timeseries', title: 'Cloud base heights (m)', variables: ['cloud_base_heights_1', 'cloud_base_heights_2', 'cloud_base_heights_3'] },
    ],
  }],
};

export const cl61KeyVariables = ['cloud_base_heights_1', 'vertical_visibility', 'sky_condition_total_cloud_cover'];
