// What the CL61 writes, and where each variable goes. Found by reading both sample files with h5wasm
// (../shared/samples/vaisala-cl61; see the acceptance suite):
//
// Profiles (time x range, float32) in both schemas: beta_att, p_pol, x_pol, linear_depol_ratio.
//
// Per-profile scalars at the root, on the profile/time dimension (stream `cl61_scalars`):
//   both:      cloud_base_heights (x layer; unlimited dimension, may hold FEWER rows than time: padded),
//              vertical_visibility (also may be short), beta_att_sum, beta_att_noise_level
//   2023 only: cloud_penetration_depth, cloud_thickness (x layer, short like cloud_base_heights),
//              sky_condition_total_cloud_cover, sky_condition_cloud_layer_covers (x layer),
//              sky_condition_cloud_layer_heights (x layer), precipitation_detection, fog_detection,
//              receiver_gain, tilt_angle, tilt_correction, height_offset
// 2023 groups with their own `time` coordinate (a few seconds off the profile times, so their own streams):
//   monitoring/ (stream `cl61_monitoring`): window_condition, laser_power_percent, background_radiance,
//              internal_temperature, internal_humidity, internal_pressure, laser_temperature, window_blower,
//              internal_heater, window_blower_heater, transmitter_enclosure_temperature
//   status/ (stream `cl61_status`): 37 int16 health codes (Device_overall, Receiver_overall, Window_blocking, ...)
//   Taken generically (every numeric 1-D member aligned with the group's time) so new firmware fields appear.
// 2021 groups hold no datasets, only attributes: one snapshot per file (stream `cl61_diagnostics`):
//   monitoring: cl_overall ("OK: 0", a string: kept in file meta); diagnostics: 31 float32 voltages,
//   currents, accelerometer and environmental-sensor readings.
// Rank-0 root variables (2023: latitude, longitude, elevation, azimuth_angle, range_resolution,
// cloud_calibration_factor(_user), airplane_filter_max_range) and 2021's per-profile latitude/longitude/
// elevation (all zero there) describe the site, so they go to the file's meta, not to series.
import type { VariableMeta } from '../types';
import type { AttributeValue } from './snapshot';

export type Cl61Schema = 'cl61-2021' | 'cl61-2023';

export const PROFILE_STREAM = 'cl61_profiles';
export const SCALAR_STREAM = 'cl61_scalars';
export const DIAGNOSTICS_STREAM = 'cl61_diagnostics';
export const streamForGroup = (group: string): string => `cl61_${group}`;

/** 2023 groups whose datasets run along the group's own `time`. */
export const TIME_SERIES_GROUPS = ['monitoring', 'status'] as const;
/** 2021 groups whose attributes are a single snapshot of the instrument's state. */
export const SNAPSHOT_GROUPS = ['monitoring', 'diagnostics'] as const;
/** Root variables that describe the site and go to the file's meta. */
export const SITE_VARIABLES = ['latitude', 'longitude', 'elevation'] as const;

export interface KnownVariable {
  /** Canonical unit: one spelling across firmware versions (2021 writes `m^-1.sr^-1`, 2023 `1/(m*sr)`). */
  unit: string | null;
  /** A time x layer variable, stored as one series per layer: `<name>_1`, `<name>_2`, ... */
  perLayer?: boolean;
  /** Cloud products mark "no cloud"/"not computed" with -99 and -999, whatever `_FillValue` says. */
  cloudFill?: boolean;
  /** Only read in these schemas. */
  schemas?: readonly Cl61Schema[];
}

export const PROFILE_VARIABLES: Record<string, KnownVariable> = {
  beta_att: { unit: 'm-1 sr-1' },
  p_pol: { unit: 'm-1 sr-1' },
  x_pol: { unit: 'm-1 sr-1' },
  linear_depol_ratio: { unit: '1' },
};

export const SCALAR_VARIABLES: Record<string, KnownVariable> = {
  cloud_base_heights: { unit: 'm', perLayer: true, cloudFill: true },
  vertical_visibility: { unit: 'm', cloudFill: true },
  cloud_penetration_depth: { unit: 'm', perLayer: true, cloudFill: true },
  cloud_thickness: { unit: 'm', perLayer: true, cloudFill: true },
  sky_condition_total_cloud_cover: { unit: 'okta', cloudFill: true },
  sky_condition_cloud_layer_covers: { unit: 'okta', perLayer: true, cloudFill: true },
  sky_condition_cloud_layer_heights: { unit: 'm', perLayer: true, cloudFill: true },
  beta_att_sum: { unit: '1e-4 sr-1' },
  // The 2021 firmware stores two int32 counts in each float64 slot (values like 8.4e-312): not a number
  // worth keeping, so only the 2023 schema's (meaningful) values are read.
  beta_att_noise_level: { unit: '1', schemas: ['cl61-2023'] },
  precipitation_detection: { unit: null },
  fog_detection: { unit: null },
  receiver_gain: { unit: null },
  tilt_angle: { unit: 'degree' },
  tilt_correction: { unit: null },
  height_offset: { unit: 'm' },
};

/** Spellings the instrument uses, mapped to the ones the rest of fieldops uses (UDUNITS style). */
const UNIT_SPELLINGS: Record<string, string> = {
  celsius: 'degC',
  percent: '%',
  RH: '%',
  degrees: 'degree',
  degrees_east: 'degree_east',
  degrees_north: 'degree_north',
  'm^-1.sr^-1': 'm-1 sr-1',
  '1/(m*sr)': 'm-1 sr-1',
};

export function canonicalUnit(written: AttributeValue | undefined, known?: KnownVariable): string | null {
  if (known) return known.unit;
  if (typeof written !== 'string' || written.trim() === '') return null;
  return UNIT_SPELLINGS[written] ?? written;
}

/** Builds the VariableMeta of a series or profile from the file's attributes of that variable. */
export function describeVariable(
  name: string,
  fileAttributes: Record<string, AttributeValue>,
  options: { known?: KnownVariable; shape: VariableMeta['shape']; axis?: VariableMeta['axis']; extra?: Record<string, string | number> },
): VariableMeta {
  const attributes: Record<string, string | number> = { ...options.extra };
  for (const key of ['long_name', 'comment', 'units', '_FillValue', 'averaging_time_in_seconds', 'averaging time in seconds']) {
    const value = fileAttributes[key];
    const outKey = key === 'units' ? 'units_in_file' : key === 'averaging time in seconds' ? 'averaging_time_in_seconds' : key;
    if (typeof value === 'string' || typeof value === 'number') attributes[outKey] = value;
  }
  const meta: VariableMeta = {
    name,
    unit: canonicalUnit(fileAttributes.units, options.known),
    processing: null,
    shape: options.shape,
    attributes,
  };
  if (options.axis) meta.axis = options.axis;
  return meta;
}
