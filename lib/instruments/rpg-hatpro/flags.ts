// The one-byte flag after each record's time. Bit meanings from the RPG manual as read by cloudnetpy
// (hatpro.py DEFINITIONS) and MeteoSwiss mwr_raw2l1 (interpret_scanflag).

export function rainFlag(flagByte: number): number {
  return flagByte & 0b1;
}

/** Rain flag, quality level, quality reason and the raw byte, in QUALITY_VARIABLES order. */
export function qualityValues(flagByte: number): number[] {
  return [flagByte & 0b1, (flagByte >> 1) & 0b11, (flagByte >> 3) & 0b11, flagByte];
}

/**
 * BLB scans: bits 1-2 say which half of the sky was scanned. Reported as 1 (first quadrant), 2 (second),
 * 0 (average of both) as in mwr_raw2l1; the undefined fourth combination is missing.
 */
export function scanQuadrant(flagByte: number): number | null {
  const bits = (flagByte >> 1) & 0b11;
  return bits === 0 ? 1 : bits === 1 ? 2 : bits === 2 ? 0 : null;
}
