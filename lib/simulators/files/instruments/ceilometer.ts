// The demo's ceilometer `cl61`: a Vaisala CL61 on the 2023 firmware, which closes a "live" netCDF-4 file
// every 5 minutes, `2026/11/21/live_20261121_141500.nc` (named after its first minute), holding 60 profiles
// (one every 5 s, stamped at the end of its integration) of 512 gates of 4.8 m: dims time/range/layer,
// _FillValue on every variable, monitoring/ and status/ groups with their own time a few seconds earlier.
import { type Producer, type ProducerContext, utcFields } from '../producer';
import { type CeilometerProfiles, simulateProfiles } from './ceilometer-profiles';
import { type Hdf5Variable, writeNetcdf4File } from '../writers/cl61';

export const CL61_PERIOD_MS = 5 * 60_000;
export const CL61_PROFILE_MS = 5_000;
export const CL61_GATES = 512;
export const CL61_GATE_M = 4.8;
const TIME_UNITS = 'seconds since 1970-01-01 00:00:00.000';
/** The instrument stamps its monitoring and status rows this long before the profile they go with. */
const MONITORING_OFFSET_S = -4.7;
const FILL = -999;
const CLOUD_FILL = -99;

export function cl61FilePath(periodStartMs: number): string {
  const f = utcFields(periodStartMs);
  return `${f.yyyy}/${f.mm}/${f.dd}/live_${f.yyyy}${f.mm}${f.dd}_${f.hh}${f.mi}${f.ss}.nc`;
}

function cl61Variables(p: CeilometerProfiles, context: ProducerContext): Hdf5Variable[] {
  const n = p.timesMs.length;
  const seconds = p.timesMs.map((ms) => ms / 1000);
  const profile = (name: string, values: Float32Array, units?: string): Hdf5Variable => ({
    path: name, dtype: '<f', shape: [n, CL61_GATES], values, dimensions: ['time', 'range'], fill: FILL,
    ...(units ? { attributes: { units } } : {}),
  });
  const perTime = (path: string, dtype: Hdf5Variable['dtype'], values: number[], fill: number, units?: string): Hdf5Variable => ({
    path, dtype, shape: [n], values, dimensions: path.includes('/') ? [`${path.split('/')[0]}/time`] : ['time'], fill,
    ...(units ? { attributes: { units } } : {}),
  });
  const timeOf = (path: string, values: number[]): Hdf5Variable => ({
    path, dtype: '<d', shape: [n], values, dimensions: [path], fill: FILL, attributes: { units: TIME_UNITS },
  });
  const monitoringSeconds = seconds.map((s) => s + MONITORING_OFFSET_S);
  const layers = [1, 2, 3, 4, 5];
  return [
    timeOf('time', seconds),
    { path: 'range', dtype: '<f', shape: [CL61_GATES], values: Array.from({ length: CL61_GATES }, (_, g) => g * CL61_GATE_M), dimensions: ['range'], attributes: { units: 'm' } },
    { path: 'layer', dtype: '<i', shape: [layers.length], values: layers, dimensions: ['layer'] },
    profile('beta_att', p.betaAtt, '1/(m*sr)'),
    profile('p_pol', p.pPol, '1/(m*sr)'),
    profile('x_pol', p.xPol, '1/(m*sr)'),
    profile('linear_depol_ratio', p.depol),
    {
      path: 'cloud_base_heights', dtype: '<i', shape: [n, layers.length], dimensions: ['time', 'layer'], fill: CLOUD_FILL, attributes: { units: 'm' },
      values: p.cloudBaseM.flatMap((base) => layers.map((layer) => (layer === 1 && base !== null ? Math.round(base) : CLOUD_FILL))),
    },
    perTime('sky_condition_total_cloud_cover', '<h', p.cloudCoverOkta, CLOUD_FILL),
    perTime('beta_att_sum', '<d', p.betaAttSum, FILL),
    perTime('tilt_angle', '<f', p.timesMs.map(() => 3.1), FILL, 'degrees'),
    { path: 'latitude', dtype: '<d', shape: [], values: [context.site.lat], fill: FILL, attributes: { units: 'degrees_north' } },
    { path: 'longitude', dtype: '<d', shape: [], values: [context.site.lon], fill: FILL, attributes: { units: 'degrees_east' } },
    { path: 'elevation', dtype: '<i', shape: [], values: [3216], fill: FILL, attributes: { units: 'm' } },
    timeOf('monitoring/time', monitoringSeconds),
    perTime('monitoring/internal_temperature', '<f', p.internalTemperatureC, FILL, 'celsius'),
    perTime('monitoring/laser_power_percent', '<f', p.timesMs.map(() => 98.5), FILL, 'percent'),
    perTime('monitoring/window_condition', '<f', p.windowConditionPercent, FILL, 'percent'),
    timeOf('status/time', monitoringSeconds),
    perTime('status/Device_overall', '<h', p.timesMs.map(() => 0), FILL),
    perTime('status/Window_blocking', '<h', p.windowConditionPercent.map((w) => (w < 80 ? 1 : 0)), FILL),
  ];
}

export async function writeCl61File(filePath: string, periodStartMs: number, context: ProducerContext): Promise<void> {
  const profiles = simulateProfiles(periodStartMs, { count: CL61_PERIOD_MS / CL61_PROFILE_MS, stepMs: CL61_PROFILE_MS, gates: CL61_GATES, gateM: CL61_GATE_M }, context);
  await writeNetcdf4File(filePath, {
    globals: {
      title: 'CL61 ceilometer live data (simulated by the fieldops demo)',
      Conventions: 'CF-1.7',
      sw_version: '1.2.7',
      instrument_serial_number: 'T2420007',
      profile_interval_in_seconds: CL61_PROFILE_MS / 1000,
      file_temporal_span_in_minutes: CL61_PERIOD_MS / 60_000,
    },
    variables: cl61Variables(profiles, context),
  });
}

export function ceilometer(context: ProducerContext): Producer {
  return {
    instrument: 'cl61',
    periodMs: CL61_PERIOD_MS,
    delayMs: 15_000,
    async write({ startMs, dueMs }, folder) {
      await folder.writeWith(cl61FilePath(startMs), dueMs, (temporary) => writeCl61File(temporary, startMs, context));
    },
  };
}
