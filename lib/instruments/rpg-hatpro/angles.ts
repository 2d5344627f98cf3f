// Pointing angles packed into one number per record (see AngleEncoding in file-codes.ts). Decoding follows
// `_decode_angles` in cloudnetpy/mwrpy (itself from MeteoSwiss mwr_raw2l1 `interpret_angle`).

import type { BinaryCursor } from './binary-cursor';
import type { AngleEncoding } from './file-codes';

export interface Pointing {
  elevation: number;
  azimuth: number;
}

/**
 * v1: float32 `sign(El)*(|El| + 1000*Az)` with Az in 0.1° steps; El >= 100° is stored as El-100 plus 1e6.
 * The float32 cannot carry more than its resolution at that magnitude (1/32° near Az=300°), so the elevation
 * is rounded to the finest decimal step the stored value can actually resolve.
 */
export function decodeFloatAngle(encoded: number): Pointing {
  if (!Number.isFinite(encoded)) return { elevation: NaN, azimuth: NaN };
  let value = encoded;
  let elevationOffset = 0;
  if (value >= 1e6) {
    elevationOffset = 100;
    value -= 1e6;
  }
  const azimuthTenths = Math.floor(Math.abs(value) / 100);
  const elevation = value - Math.sign(value) * azimuthTenths * 100 + elevationOffset;
  const step = float32Resolution(encoded) <= 0.01 ? 100 : 10;
  return { elevation: Math.round(elevation * step) / step + 0, azimuth: azimuthTenths / 10 };
}

/** v2: int32 with decimal digits El*100 then five digits Az*100; the sign is the elevation's. Exact. */
export function decodeIntAngle(encoded: number): Pointing {
  const magnitude = Math.abs(encoded);
  const elevationHundredths = Math.floor(magnitude / 1e5);
  const azimuthHundredths = magnitude - elevationHundredths * 1e5;
  const signedElevation = encoded < 0 ? -elevationHundredths : elevationHundredths;
  // `+ 0` turns a -0 (negative code with zero elevation) into 0.
  return { elevation: signedElevation / 100 + 0, azimuth: azimuthHundredths / 100 };
}

export function readPointing(cursor: BinaryCursor, encoding: AngleEncoding): Pointing {
  return encoding === 'float'
    ? decodeFloatAngle(cursor.float32('pointing angle (float32)'))
    : decodeIntAngle(cursor.int32('pointing angle (int32)'));
}

/**
 * BLB headers list scan elevations as plain floats (90, 30, 19.2, ...); some firmware packs an azimuth in with
 * the v1 float encoding, recognisable by a magnitude of 1000 or more (mwrpy tests the same threshold).
 */
export function decodeScanElevation(value: number): number {
  return Math.abs(value) >= 1000 ? decodeFloatAngle(value).elevation : value;
}

/** Spacing of adjacent float32 values around `value` (its unit in the last place). */
function float32Resolution(value: number): number {
  const magnitude = Math.abs(value);
  if (magnitude < 2 ** -126) return 0;
  return 2 ** (Math.floor(Math.log2(magnitude)) - 23);
}
