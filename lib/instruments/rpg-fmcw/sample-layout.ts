// The byte layout of one LV1 sample (rpgpy `_read_rpg_l1`): SampBytes (int32, the bytes that follow), Time
// (uint32 s since 2001-01-01), MSec (int32), QF (int8), 17 float32 housekeeping values, a block of profiles
// this module does not ingest (3 reserved floats, T, abs. and rel. humidity, sensitivity limits), one
// "has data" byte per range gate, then the moments of each gate that has data.

import type { Lv1Header } from './header';
import { SAMPLE_FLOATS, gateFields, type MomentField } from './variables';

export interface SampleLayout {
  /** Float32 values skipped after the housekeeping block. */
  skippedFloats: number;
  gateCount: number;
  /** Per gate with data, in file order; null is a reserved float. */
  gateFields: (MomentField | null)[];
  /** Bytes after SampBytes when no gate has data, and when every gate has. */
  minBytes: number;
  maxBytes: number;
}

export function sampleLayout(header: Lv1Header): SampleLayout {
  const gateCount = header.rangeGates.length;
  const sensitivityLimits = header.dualPol > 0 ? 2 * gateCount : gateCount;
  const skippedFloats = 3 + header.temperatureLevels + 2 * header.humidityLevels + sensitivityLimits;
  const fields = gateFields(header.dualPol);
  const minBytes = 4 + 4 + 1 + 4 * SAMPLE_FLOATS.length + 4 * skippedFloats + gateCount;
  return { skippedFloats, gateCount, gateFields: fields, minBytes, maxBytes: minBytes + gateCount * 4 * fields.length };
}
