// Variable names and units of the RPG FMCW LV1 streams. Names follow cloudnetpy/rpgpy's readable names, units
// are what RPG writes (reflectivity stays linear Ze in mm6 m-3, wind in km/h): no conversion on the way in.
// The RPG field name is kept as an attribute so a reader of the manual can find each one.

import type { VariableMeta } from '../types';

export const HOUSEKEEPING_STREAM = 'fmcw_housekeeping';
export const MOMENTS_STREAM = 'fmcw_moments';

function scalar(name: string, unit: string | null, rpgName: string, longName: string): VariableMeta {
  return { name, unit, processing: null, shape: 'scalar', attributes: { rpg_name: rpgName, long_name: longName } };
}

/** The 17 float32 fields every LV1 sample carries after its quality flag, in file order. */
export const SAMPLE_FLOATS: readonly VariableMeta[] = [
  scalar('rain_rate', 'mm h-1', 'RR', 'rain rate of the weather station'),
  scalar('relative_humidity', '%', 'RelHum', 'relative humidity of the weather station'),
  scalar('temperature', 'K', 'EnvTemp', 'environment temperature'),
  scalar('pressure', 'hPa', 'BaroP', 'barometric pressure'),
  scalar('wind_speed', 'km h-1', 'WS', 'wind speed'),
  scalar('wind_direction', 'deg', 'WD', 'wind direction'),
  scalar('dd_voltage', 'V', 'DDVolt', 'direct detection channel voltage'),
  scalar('brightness_temperature', 'K', 'DDTb', 'direct detection brightness temperature'),
  scalar('lwp', 'g m-2', 'LWP', 'liquid water path'),
  scalar('if_power', 'uW', 'PowIF', 'IF power at the ADC'),
  scalar('elevation', 'deg', 'Elev', 'elevation angle'),
  scalar('azimuth', 'deg', 'Azi', 'azimuth angle'),
  scalar('status_flag', null, 'Status', 'mitigation status: 0/1 heater, 0/10 blower'),
  scalar('transmitter_power', 'W', 'TransPow', 'transmitted power'),
  scalar('transmitter_temperature', 'K', 'TransT', 'transmitter temperature'),
  scalar('receiver_temperature', 'K', 'RecT', 'receiver temperature'),
  scalar('pc_temperature', 'K', 'PCT', 'PC temperature'),
];

export const QUALITY_FLAG = scalar(
  'quality_flag',
  null,
  'QF',
  'bit 1 ADC saturation, bit 2 spectral width too high, bit 3 no transmitter power levelling',
);

export const HOUSEKEEPING_VARIABLES: readonly VariableMeta[] = [QUALITY_FLAG, ...SAMPLE_FLOATS];

/** One radar moment: its name, unit and the RPG field it comes from. */
export interface MomentField {
  name: string;
  unit: string | null;
  rpgName: string;
  longName: string;
}

const SINGLE_POL: readonly MomentField[] = [
  { name: 'Ze', unit: 'mm6 m-3', rpgName: 'Ze', longName: 'equivalent reflectivity factor (linear), vertical polarisation' },
  { name: 'v', unit: 'm s-1', rpgName: 'MeanVel', longName: 'mean Doppler velocity' },
  { name: 'width', unit: 'm s-1', rpgName: 'SpecWidth', longName: 'Doppler spectral width' },
  { name: 'skewness', unit: null, rpgName: 'Skewn', longName: 'Doppler spectrum skewness' },
  { name: 'kurtosis', unit: null, rpgName: 'Kurt', longName: 'Doppler spectrum kurtosis' },
];

/** DualPol 1 (LDR mode): the ratio is the linear depolarisation ratio; the cross-channel correlation and phase. */
const LDR_MODE: readonly MomentField[] = [
  { name: 'ldr', unit: 'dB', rpgName: 'RefRat', longName: 'linear depolarisation ratio' },
  { name: 'rho_cx', unit: null, rpgName: 'CorrCoeff', longName: 'co-cross-channel correlation coefficient' },
  { name: 'phi_cx', unit: 'rad', rpgName: 'DiffPh', longName: 'co-cross-channel differential phase' },
];

/** DualPol 2 (STSR mode): the same three fields mean ZDR, rho_hv and phi_dp (cloudnetpy's reading). */
const STSR_MODE: readonly MomentField[] = [
  { name: 'zdr', unit: 'dB', rpgName: 'RefRat', longName: 'differential reflectivity' },
  { name: 'rho_hv', unit: null, rpgName: 'CorrCoeff', longName: 'co-polar correlation coefficient' },
  { name: 'phi_dp', unit: 'rad', rpgName: 'DiffPh', longName: 'differential phase' },
];

/** STSR only, after one reserved float: slanted LDR and correlation, KDP and differential attenuation. */
const STSR_EXTRA: readonly MomentField[] = [
  { name: 'sldr', unit: 'dB', rpgName: 'SLDR', longName: 'slanted linear depolarisation ratio' },
  { name: 'srho_hv', unit: null, rpgName: 'SCorrCoeff', longName: 'slanted correlation coefficient' },
  { name: 'kdp', unit: 'rad km-1', rpgName: 'KDP', longName: 'specific differential phase shift' },
  { name: 'differential_attenuation', unit: 'dB km-1', rpgName: 'DiffAtt', longName: 'differential attenuation' },
];

/**
 * The float32 fields of one gate with data, in file order; null marks the reserved float STSR files carry
 * before SLDR (rpgpy skips it too).
 */
export function gateFields(dualPol: 0 | 1 | 2): (MomentField | null)[] {
  if (dualPol === 0) return [...SINGLE_POL];
  if (dualPol === 1) return [...SINGLE_POL, ...LDR_MODE];
  return [...SINGLE_POL, ...STSR_MODE, null, ...STSR_EXTRA];
}

export function momentVariable(field: MomentField, rangeGates: number[]): VariableMeta {
  return {
    name: field.name,
    unit: field.unit,
    processing: null,
    shape: 'profile',
    axis: { name: 'range', unit: 'm', values: rangeGates },
    attributes: { rpg_name: field.rpgName, long_name: field.longName },
  };
}
