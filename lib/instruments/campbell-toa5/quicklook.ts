// What the quicklooks job draws for a Campbell met logger. Column names follow Campbell's usual program
// names; panels whose columns a site's program lacks are dropped (lib/quicklooks/generic-recipe.ts), and a
// program with none of them gets the generic recipe.
import type { QuicklookRecipe } from '../types';

export const campbellQuicklook: QuicklookRecipe = {
  plots: [{
    name: 'timeseries',
    title: 'Meteorology',
    panels: [
      { type: 'timeseries', title: 'Air temperature (degC)', variables: ['AirTC_Avg', 'AirTC', 'T_Avg'] },
      { type: 'timeseries', title: 'Relative humidity (%)', variables: ['RH', 'RH_Avg'] },
      { type: 'timeseries', title: 'Pressure (mbar)', variables: ['BP_mbar_Avg', 'BP_mbar'] },
      { type: 'timeseries', title: 'Wind speed (m/s)', variables: ['WS_ms_S_WVT', 'WS_ms_Avg', 'WS_ms_Max'] },
      { type: 'timeseries', title: 'Radiation (W/m^2)', variables: ['SWin_Avg', 'SWout_Avg', 'LWin_Avg', 'LWout_Avg'] },
    ],
  }],
};

