// Streams and variables of the vaisala-cl31 kind. Heights are converted to metres whatever unit the instrument
// was set to (the status word says which); backscatter to m-1 sr-1. CL31/CL51 and CT25K status words differ,
// so they go to different streams.

import type { VariableMeta } from '../types';

export const STREAMS = { clStatus: 'cl_status', ctStatus: 'ct25k_status', sky: 'sky_condition', profile: 'backscatter_profile' } as const;

function scalar(name: string, unit: string | null, longName: string): VariableMeta {
  return { name, unit, processing: null, shape: 'scalar', attributes: { long_name: longName } };
}

const CLOUD: VariableMeta[] = [
  scalar('detection_status', null, '0 no significant backscatter, 1-3 cloud bases, 4 full obscuration, 5 some obscuration'),
  scalar('self_check', null, '0 OK, 1 warning, 2 alarm'),
  scalar('cloud_base_1', 'm', 'lowest cloud base height'),
  scalar('cloud_base_2', 'm', 'second cloud base height'),
  scalar('cloud_base_3', 'm', 'third cloud base height'),
  scalar('vertical_visibility', 'm', 'vertical visibility (detection status 4)'),
  scalar('highest_signal', null, 'highest signal detected (detection status 4), as reported'),
];

const PROFILE_SETTINGS: VariableMeta[] = [
  scalar('scale', '%', 'SCALE parameter (100 is normal)'),
  scalar('laser_pulse_energy', '%', 'laser pulse energy, % of nominal'),
  scalar('laser_temperature', 'degC', 'laser temperature'),
  scalar('tilt_angle', 'deg', 'tilt angle from vertical'),
  scalar('background_light', 'mV', 'background light at the internal ADC input'),
  scalar('backscatter_sum', 'sr-1', 'integrated backscatter (SUM / 10^4 / (SCALE/100))'),
];

export const CL_STATUS_VARIABLES: readonly VariableMeta[] = [
  ...CLOUD,
  scalar('alarm_bits', null, 'alarm status word (16 bits)'),
  scalar('warning_bits', null, 'warning status word (16 bits)'),
  scalar('internal_bits', null, 'internal status word (16 bits)'),
  ...PROFILE_SETTINGS,
  scalar('window_transmission', '%', 'window transmission estimate'),
];

export const CT_STATUS_VARIABLES: readonly VariableMeta[] = [
  ...CLOUD,
  scalar('status_bits', null, 'CT25K status word (32 bits)'),
  ...PROFILE_SETTINGS,
  scalar('window_contamination', 'mV', 'window contamination'),
  scalar('receiver_sensitivity', '%', 'receiver sensitivity, % of nominal'),
];

export function skyVariables(layers: number): VariableMeta[] {
  const variables = [scalar('sky_detection_status', null, 'layer 1 amount 0-8 octas, 9 vertical visibility, 99 not enough data, -1 missing')];
  for (let layer = 1; layer <= layers; layer++) {
    variables.push(scalar(`cloud_amount_${layer}`, 'octa', `cloud amount of layer ${layer}`));
    variables.push(scalar(`cloud_layer_height_${layer}`, 'm', `height of cloud layer ${layer}`));
  }
  return variables;
}

export function backscatterVariable(resolution: number, samples: number): VariableMeta {
  // Gate centres, as cloudnetpy places them: (i + 0.5) x resolution.
  const values = Array.from({ length: samples }, (_, i) => (i + 0.5) * resolution);
  return {
    name: 'backscatter',
    unit: 'm-1 sr-1',
    processing: null,
    shape: 'profile',
    axis: { name: 'range', unit: 'm', values },
    attributes: { long_name: 'attenuated backscatter coefficient, not corrected for tilt', resolution_m: resolution },
  };
}
