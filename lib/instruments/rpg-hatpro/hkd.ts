// HKD: housekeeping. A header bit field says which groups each record carries (mwrpy `read_hkd`,
// mwr_raw2l1 `interpret_hkd_contents_code`):
//   bit 0: GPS longitude, latitude (float32)      bit 3: remaining flash memory (int32, kB)
//   bit 1: 4 temperatures (float32 K)             bit 4: level-2 quality flags (int32 bit field)
//   bit 2: 2 receiver stabilities (float32 K)     bit 5: status flags (int32 bit field)
// Real files also set higher bits (a 2023 file has 0b1100111111) that add no record bytes, so they are kept
// on the ledger row and otherwise ignored; the exact file-size check would catch a layout they did change.
//
// Header: code, n, timeRef, selection (int32). Record: time (int32), alarm (uint8), then the groups in order.

import type { ScalarTable } from './batches';
import type { BinaryCursor } from './binary-cursor';
import { readRecordCount, readTimeRef } from './header-fields';
import type { FamilyLayout } from './layout';
import { finiteOrNull } from './missing-values';
import { UNITS, scalar } from './variables';
import type { VariableMeta } from '../types';

interface Group {
  bit: number;
  variables: VariableMeta[];
  kind: 'float32' | 'int32' | 'bits32';
}

const GROUPS: readonly Group[] = [
  {
    bit: 0,
    kind: 'float32',
    // Decimal degrees in current firmware; the 2020 manual describes (-)DDDMM.mmmm. Kept as recorded.
    variables: [scalar('gps_longitude', UNITS.degree), scalar('gps_latitude', UNITS.degree)],
  },
  {
    bit: 1,
    kind: 'float32',
    variables: [
      scalar('ambient_target_temperature_1', UNITS.kelvin),
      scalar('ambient_target_temperature_2', UNITS.kelvin),
      scalar('receiver_1_temperature', UNITS.kelvin, 'humidity-profiler (K-band) receiver'),
      scalar('receiver_2_temperature', UNITS.kelvin, 'temperature-profiler (V-band) receiver'),
    ],
  },
  {
    bit: 2,
    kind: 'float32',
    variables: [scalar('receiver_1_stability', UNITS.kelvin), scalar('receiver_2_stability', UNITS.kelvin)],
  },
  { bit: 3, kind: 'int32', variables: [scalar('flash_memory_remaining', UNITS.kilobyte)] },
  { bit: 4, kind: 'bits32', variables: [scalar('quality_flags', null, 'level-2 quality bit field (RPG manual)')] },
  { bit: 5, kind: 'bits32', variables: [scalar('status_flags', null, 'instrument status bit field (RPG manual)')] },
];

export function readHkdLayout(cursor: BinaryCursor): FamilyLayout {
  const recordCount = readRecordCount(cursor);
  const timeRef = readTimeRef(cursor);
  const selection = cursor.int32('housekeeping selection bits');
  const groups = GROUPS.filter((group) => (selection & (1 << group.bit)) !== 0);
  const valueCount = groups.reduce((sum, group) => sum + group.variables.length, 0);

  const table: ScalarTable = {
    type: 'scalars',
    stream: 'hatpro_hkd',
    variables: [scalar('alarm', null, 'alarm byte (1 = alarm)'), ...groups.flatMap((group) => group.variables)],
  };
  return {
    timeRef,
    attributes: { selectionBits: selection >>> 0 },
    sections: [
      {
        label: 'HKD record',
        count: recordCount,
        recordSize: 4 + 1 + 4 * valueCount,
        readRecord(record, context) {
          const timeMs = context.timeMs(record.int32('record time'));
          const values: (number | null)[] = [record.uint8('alarm')];
          for (const group of groups) {
            for (let i = 0; i < group.variables.length; i++) values.push(readGroupValue(record, group.kind));
          }
          context.out.addScalars(table, timeMs, values);
        },
      },
    ],
  };
}

function readGroupValue(record: BinaryCursor, kind: Group['kind']): number | null {
  if (kind === 'float32') return finiteOrNull(record.float32('housekeeping value'));
  const value = record.int32('housekeeping value');
  // Bit fields are reported unsigned so bit 31 does not turn into a negative number.
  return kind === 'bits32' ? value >>> 0 : value;
}
