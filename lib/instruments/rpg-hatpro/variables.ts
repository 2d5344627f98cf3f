// Variable names and units of the HATPRO streams. Units are those RPG writes (the manual's), not converted:
// LWP in g m-2, MET pressure in hPa and wind in km/h, IRT in degC; the consumer converts if it wants SI.

import type { VariableMeta } from '../types';

export const UNITS = {
  lwp: 'g m-2',
  iwv: 'kg m-2',
  kelvin: 'K',
  celsius: 'degC',
  degree: 'deg',
  gigahertz: 'GHz',
  micrometre: 'um',
  metre: 'm',
  hectopascal: 'hPa',
  percent: '%',
  absoluteHumidity: 'g m-3',
  kilometrePerHour: 'km h-1',
  millimetrePerHour: 'mm h-1',
  kilobyte: 'kB',
} as const;

export function scalar(name: string, unit: string | null, longName?: string): VariableMeta {
  const attributes = longName ? { attributes: { long_name: longName } } : {};
  return { name, unit, processing: null, shape: 'scalar', ...attributes };
}

export function profile(
  name: string,
  unit: string,
  axis: NonNullable<VariableMeta['axis']>,
  attributes?: Record<string, string | number>,
): VariableMeta {
  return { name, unit, processing: null, shape: 'profile', axis, ...(attributes ? { attributes } : {}) };
}

export const RAIN_FLAG = scalar('rain_flag', null, 'rain flag: bit 0 of the record flag byte (1 = rain)');

/** Retrieved products (LWP, IWV, TPC, TPB, HPC) pack rain and a quality assessment into their flag byte. */
export const QUALITY_VARIABLES: readonly VariableMeta[] = [
  RAIN_FLAG,
  scalar('quality_level', null, 'bits 1-2 of the flag byte: 0 not evaluated, 1 high, 2 medium, 3 low'),
  scalar('quality_reason', null, 'bits 3-4 of the flag byte: reason for reduced quality (RPG manual)'),
  scalar('quality_flag', null, 'the raw flag byte, for bits this module does not decode'),
];

export const POINTING_VARIABLES: readonly VariableMeta[] = [
  scalar('elevation_angle', UNITS.degree),
  scalar('azimuth_angle', UNITS.degree),
];

/** Names a per-channel variable by its axis value, e.g. `brightness_temperature_22.24GHz`. */
export function channelName(base: string, value: number, unit: string): string {
  return `${base}_${Number(value.toFixed(3))}${unit}`;
}
