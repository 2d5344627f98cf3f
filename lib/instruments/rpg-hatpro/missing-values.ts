// RPG writes no fill value of its own; float32 NaN/Inf, and 0 K for brightness temperatures, mean "no data".

import type { BinaryCursor } from './binary-cursor';

export function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

/**
 * Reads `count` float32 values as one profile row; missing values become NaN as ProfileRow requires. A
 * brightness temperature of exactly 0 K marks a channel without data (MeteoSwiss mwr_raw2l1 does the same).
 */
export function readProfileValues(
  cursor: BinaryCursor,
  count: number,
  what: string,
  options: { zeroIsMissing?: boolean } = {},
): Float32Array {
  const values = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    const value = cursor.float32(what);
    values[i] = Number.isFinite(value) && !(options.zeroIsMissing && value === 0) ? value : NaN;
  }
  return values;
}
