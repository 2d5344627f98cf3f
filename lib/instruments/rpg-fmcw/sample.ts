// One LV1 sample decoded from its SampBytes-delimited bytes. The fields must add up to SampBytes exactly: that
// is the format's only internal check, and it catches a wrong "has data" byte or a layout from another version.

import { BinaryCursor, type CursorSource } from '../rpg-hatpro/binary-cursor';
import type { ChunkReader } from './chunk-reader';
import type { SampleLayout } from './sample-layout';
import { SAMPLE_FLOATS } from './variables';

/** RPG marks values it could not compute with -999 (seen in LDR of gates below the noise). */
const RPG_MISSING = -999;

export interface Sample {
  seconds: number;
  milliseconds: number;
  /** Quality flag, then the 17 housekeeping floats. */
  housekeeping: (number | null)[];
  /** One array per gate field (reserved ones included, the caller drops them), NaN where a gate has no data. */
  moments: Float32Array[];
}

export async function readSample(reader: ChunkReader, layout: SampleLayout, source: CursorSource, index: number): Promise<Sample> {
  const label = `sample ${index + 1}`;
  const sizeAt = reader.offset;
  const size = new BinaryCursor(await reader.take(4, `${label}'s byte count (SampBytes)`), sizeAt, source).int32('SampBytes');
  if (size < layout.minBytes || size > layout.maxBytes) {
    new BinaryCursor(Buffer.alloc(0), sizeAt, source).fail(
      `${label}: implausible SampBytes ${size}: this header's samples take ${layout.minBytes}..${layout.maxBytes} bytes`,
    );
  }
  const bodyAt = reader.offset;
  const cursor = new BinaryCursor(await reader.take(size, `${label} (${size} bytes)`), bodyAt, source);
  const seconds = cursor.int32(`${label} time`) >>> 0;
  const msAt = cursor.offset;
  const milliseconds = cursor.int32(`${label} milliseconds`);
  if (milliseconds < 0 || milliseconds > 999) cursor.fail(`${label}: milliseconds ${milliseconds} outside 0..999`, msAt);
  const qualityFlag = cursor.uint8(`${label} quality flag`);
  const housekeeping: (number | null)[] = [qualityFlag];
  for (const variable of SAMPLE_FLOATS) housekeeping.push(valueOrNull(cursor.float32(`${label} ${variable.name}`)));
  cursor.skip(4 * layout.skippedFloats, `${label} profile block`);

  const hasData: boolean[] = [];
  for (let gate = 0; gate < layout.gateCount; gate++) hasData.push(cursor.uint8(`${label} gate flags`) === 1);
  const expected = layout.minBytes + 4 * layout.gateFields.length * hasData.filter(Boolean).length;
  if (expected !== size) {
    cursor.fail(`${label}: SampBytes is ${size}, but its gate flags mean ${expected} bytes (corrupt sample)`, sizeAt);
  }
  const moments = layout.gateFields.map(() => new Float32Array(layout.gateCount).fill(NaN));
  for (let gate = 0; gate < layout.gateCount; gate++) {
    if (!hasData[gate]) continue;
    for (const values of moments) {
      const value = cursor.float32(`${label} gate ${gate + 1} moments`);
      values[gate] = Number.isFinite(value) && value !== RPG_MISSING ? value : NaN;
    }
  }
  return { seconds, milliseconds, housekeeping, moments };
}

function valueOrNull(value: number): number | null {
  return Number.isFinite(value) && value !== RPG_MISSING ? value : null;
}
