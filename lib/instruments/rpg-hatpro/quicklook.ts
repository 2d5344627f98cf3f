// What the quicklooks job draws for a HATPRO: the retrieved column amounts and surface met as lines, the
// profiles (temperature, humidity, brightness temperatures per channel) as time-height images, and the
// boundary-layer elevation scans (BLB) of two V-band channels as time-elevation images.
import type { QuicklookRecipe } from '../types';

export const hatproQuicklook: QuicklookRecipe = {
  plots: [
    {
      name: 'timeseries',
      title: 'Microwave radiometer',
      panels: [
        { type: 'timeseries', title: 'Liquid water path (g m-2)', variables: ['LWP'] },
        { type: 'timeseries', title: 'Integrated water vapour (kg m-2)', variables: ['IWV'] },
        { type: 'timeseries', title: 'Surface air temperature (K)', variables: ['air_temperature'], stream: 'hatpro_met' },
        { type: 'timeseries', title: 'Surface relative humidity (%)', variables: ['relative_humidity'], stream: 'hatpro_met' },
      ],
    },
    {
      name: 'profiles',
      title: 'Microwave radiometer profiles',
      panels: [
        { type: 'curtain', title: 'Temperature profile (K)', variable: 'temperature', scale: 'linear' },
        { type: 'curtain', title: 'Absolute humidity profile (g m-3)', variable: 'absolute_humidity', scale: 'linear' },
        { type: 'curtain', title: 'Brightness temperature by channel (K)', variable: 'brightness_temperature', scale: 'linear' },
      ],
    },
    {
      name: 'scans',
      title: 'Microwave radiometer boundary-layer scans',
      panels: [
        // 52.28 GHz is semi-transparent: its brightness temperature falls steeply towards the zenith, which shows
        // whether the scan is sound; 54.94 GHz is opaque enough to follow the boundary layer's temperature.
        { type: 'curtain', title: 'Brightness temperature, 52.28 GHz scan (K)', variable: 'brightness_temperature_52.28GHz', stream: 'hatpro_blb', scale: 'linear' },
        { type: 'curtain', title: 'Brightness temperature, 54.94 GHz scan (K)', variable: 'brightness_temperature_54.94GHz', stream: 'hatpro_blb', scale: 'linear' },
      ],
    },
  ],
};

export const hatproKeyVariables = ['LWP', 'IWV', 'air_temperature'];
