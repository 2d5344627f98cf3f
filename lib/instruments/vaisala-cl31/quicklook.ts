// What the quicklooks job draws for one ceilometer day: the backscatter curtain with the cloud bases below it.

import type { QuicklookRecipe } from '../types';
import { STREAMS } from './variables';

export const ceilometerQuicklook: QuicklookRecipe = {
  plots: [
    {
      name: 'backscatter',
      title: 'Ceilometer attenuated backscatter',
      panels: [
        // log10 of m-1 sr-1: -7..-4 spans clear air to dense cloud; negative (noise) values are not drawn.
        { type: 'curtain', title: 'Attenuated backscatter (log10 m-1 sr-1)', variable: 'backscatter', stream: STREAMS.profile, scale: 'log', range: [-7, -4] },
        // No stream: CL31/CL51 and CT25K status rows live in different streams under the same names.
        { type: 'timeseries', title: 'Cloud base heights (m)', variables: ['cloud_base_1', 'cloud_base_2', 'cloud_base_3', 'vertical_visibility'] },
      ],
    },
    {
      name: 'housekeeping',
      title: 'Ceilometer housekeeping',
      panels: [
        { type: 'timeseries', title: 'Laser pulse energy and window transmission (%)', variables: ['laser_pulse_energy', 'window_transmission'], stream: STREAMS.clStatus },
        { type: 'timeseries', title: 'Laser temperature (degC)', variables: ['laser_temperature'] },
        { type: 'timeseries', title: 'Background light (mV)', variables: ['background_light'] },
      ],
    },
  ],
};
