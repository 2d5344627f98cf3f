// MET: surface meteorology from the radiometer's own sensors.
//
// Header v1 (599658943): code, n, pMin, pMax, TMin, TMax, RHMin, RHMax (float32), timeRef.
// Header v2 (599658944): code, n, additional-sensor bits (uint8), then min/max pairs for p, T, RH and each
// additional sensor, timeRef. Record: time, rain flag, p (hPa), T (K), RH (%), one float32 per sensor bit.
// Bits 0-2 are wind speed (km/h), wind direction (deg) and rain rate (mm/h) per the RPG manual (mwrpy
// converts them with /3.6 and /3.6e6); any further bit is kept as an unnamed float so the layout stays right.

import type { ScalarTable } from './batches';
import type { BinaryCursor } from './binary-cursor';
import type { FileCodeInfo } from './file-codes';
import { rainFlag } from './flags';
import { readRecordCount, readTimeRef } from './header-fields';
import type { FamilyLayout } from './layout';
import { finiteOrNull } from './missing-values';
import { RAIN_FLAG, UNITS, scalar } from './variables';
import type { VariableMeta } from '../types';

const BASE_SENSORS: readonly VariableMeta[] = [
  scalar('air_pressure', UNITS.hectopascal),
  scalar('air_temperature', UNITS.kelvin),
  scalar('relative_humidity', UNITS.percent),
];

const NAMED_ADDITIONAL_SENSORS: readonly VariableMeta[] = [
  scalar('wind_speed', UNITS.kilometrePerHour),
  scalar('wind_direction', UNITS.degree),
  scalar('rain_rate', UNITS.millimetrePerHour),
];

export function readMetLayout(cursor: BinaryCursor, info: FileCodeInfo): FamilyLayout {
  const recordCount = readRecordCount(cursor);
  const sensorBits = info.version >= 2 ? cursor.uint8('additional-sensor bits') : 0;
  const additional = additionalSensors(sensorBits);
  const sensorCount = BASE_SENSORS.length + additional.length;
  cursor.skip(8 * sensorCount, 'sensor minimum/maximum pairs');
  const timeRef = readTimeRef(cursor);

  const table: ScalarTable = {
    type: 'scalars',
    stream: 'hatpro_met',
    variables: [...BASE_SENSORS, ...additional, RAIN_FLAG],
  };
  return {
    timeRef,
    attributes: { additionalSensorBits: sensorBits, additionalSensors: additional.map((v) => v.name).join(',') },
    sections: [
      {
        label: 'MET record',
        count: recordCount,
        recordSize: 4 + 1 + 4 * sensorCount,
        readRecord(record, context) {
          const timeMs = context.timeMs(record.int32('record time'));
          const flag = record.uint8('rain flag');
          const values: (number | null)[] = [];
          for (let i = 0; i < sensorCount; i++) values.push(finiteOrNull(record.float32('sensor value')));
          values.push(rainFlag(flag));
          context.out.addScalars(table, timeMs, values);
        },
      },
    ],
  };
}

function additionalSensors(bits: number): VariableMeta[] {
  const sensors: VariableMeta[] = [];
  for (let bit = 0; bit < 8; bit++) {
    if ((bits & (1 << bit)) === 0) continue;
    const named = NAMED_ADDITIONAL_SENSORS[bit];
    sensors.push(named ?? scalar(`additional_sensor_bit${bit}`, null, 'sensor not named by the RPG manual'));
  }
  return sensors;
}
