// What the quicklooks job draws for one RPG FMCW day: a time-height curtain of the moments, and the
// housekeeping a radar operator checks first.

import type { QuicklookRecipe } from '../types';
import { HOUSEKEEPING_STREAM, MOMENTS_STREAM } from './variables';

export const fmcwQuicklook: QuicklookRecipe = {
  plots: [
    {
      name: 'reflectivity',
      title: 'Cloud radar moments',
      panels: [
        // Linear Ze (mm6 m-3) drawn in dBZ, -50..+20: the usual cloud-radar colour range.
        { type: 'curtain', title: 'Reflectivity (dBZ)', variable: 'Ze', stream: MOMENTS_STREAM, scale: 'dB', range: [-50, 20], unitLabel: 'dBZ' },
        { type: 'curtain', title: 'Doppler velocity (m s-1)', variable: 'v', stream: MOMENTS_STREAM, scale: 'linear', range: [-4, 4] },
        { type: 'curtain', title: 'Spectral width (m s-1)', variable: 'width', stream: MOMENTS_STREAM, scale: 'linear', range: [0, 1] },
        // An LDR-mode radar writes ldr, an STSR-mode one sldr: whichever the file has is drawn.
        { type: 'curtain', title: 'Linear depolarisation ratio (dB)', variable: 'ldr', stream: MOMENTS_STREAM, scale: 'linear', range: [-35, 0] },
        { type: 'curtain', title: 'Slanted linear depolarisation ratio (dB)', variable: 'sldr', stream: MOMENTS_STREAM, scale: 'linear', range: [-35, 0] },
      ],
    },
    {
      name: 'housekeeping',
      title: 'Cloud radar housekeeping',
      panels: [
        { type: 'timeseries', title: 'Temperatures (K)', variables: ['transmitter_temperature', 'receiver_temperature', 'pc_temperature', 'temperature'], stream: HOUSEKEEPING_STREAM },
        { type: 'timeseries', title: 'Liquid water path (g m-2)', variables: ['lwp'], stream: HOUSEKEEPING_STREAM },
        { type: 'timeseries', title: 'Rain rate (mm h-1)', variables: ['rain_rate'], stream: HOUSEKEEPING_STREAM },
      ],
    },
  ],
};
