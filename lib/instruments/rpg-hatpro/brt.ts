// BRT: brightness temperatures of all receiver channels, one spectrum per record.
//
// Header: code, n, timeRef, nFreq (int32), frequencies[nFreq], TBmin[nFreq], TBmax[nFreq] (float32).
// Record: time (int32), rain flag (uint8), TB[nFreq] (float32 K), pointing (float32 v1 / int32 v2).

import { readPointing } from './angles';
import type { ProfileTable, ScalarTable } from './batches';
import type { BinaryCursor } from './binary-cursor';
import type { FileCodeInfo } from './file-codes';
import { rainFlag } from './flags';
import { LIMITS, listAttribute, readFloat32Axis, readRecordCount, readTimeRef } from './header-fields';
import type { FamilyLayout } from './layout';
import { finiteOrNull, readProfileValues } from './missing-values';
import { POINTING_VARIABLES, RAIN_FLAG, UNITS, profile } from './variables';

const STREAM = 'hatpro_brt';

export function readBrtLayout(cursor: BinaryCursor, info: FileCodeInfo): FamilyLayout {
  const angles = info.angles ?? 'int';
  const recordCount = readRecordCount(cursor);
  const timeRef = readTimeRef(cursor);
  const frequencyCount = cursor.count('frequency count', LIMITS.frequencies);
  const frequencies = readFloat32Axis(cursor, frequencyCount, 'frequencies (GHz)');
  cursor.skip(8 * frequencyCount, 'per-channel TB minimum and maximum');

  const scalars: ScalarTable = { type: 'scalars', stream: STREAM, variables: [RAIN_FLAG, ...POINTING_VARIABLES] };
  const axis = { name: 'frequency', unit: UNITS.gigahertz, values: frequencies };
  const spectra: ProfileTable = {
    type: 'profiles',
    stream: STREAM,
    variable: profile('brightness_temperature', UNITS.kelvin, axis),
  };
  return {
    timeRef,
    attributes: { frequencies: listAttribute(frequencies) },
    sections: [
      {
        label: 'BRT record',
        count: recordCount,
        recordSize: 4 + 1 + 4 * frequencyCount + 4,
        readRecord(record, context) {
          const timeMs = context.timeMs(record.int32('record time'));
          const flag = record.uint8('rain flag');
          const spectrum = readProfileValues(record, frequencyCount, 'brightness temperature', { zeroIsMissing: true });
          const pointing = readPointing(record, angles);
          context.out.addProfile(spectra, timeMs, spectrum);
          context.out.addScalars(scalars, timeMs, [
            rainFlag(flag),
            finiteOrNull(pointing.elevation),
            finiteOrNull(pointing.azimuth),
          ]);
        },
      },
    ],
  };
}
