// GPS positions as NMEA-style receivers print them: ddmm.mmmm (latitude) and dddmm.mmmm (longitude), i.e.
// whole degrees times 100 plus decimal minutes. 3602.5671 is 36 degrees 02.5671 minutes = 36.0427850.

/** Decimal degrees from ddmm.mmmm, or null when the minutes part is 60 or more or the degrees exceed `maxDegrees`. */
export function ddmmToDegrees(value: number, maxDegrees: number): number | null {
  if (!Number.isFinite(value)) return null;
  const magnitude = Math.abs(value);
  const degrees = Math.floor(magnitude / 100);
  const minutes = magnitude - degrees * 100;
  if (minutes >= 60) return null;
  const decimal = degrees + minutes / 60;
  if (decimal > maxDegrees) return null;
  // Seven decimals is about 1 cm: the receiver's four decimal minutes (about 0.2 m) without float noise.
  const rounded = Math.round(decimal * 1e7) / 1e7;
  return value < 0 ? -rounded : rounded;
}
