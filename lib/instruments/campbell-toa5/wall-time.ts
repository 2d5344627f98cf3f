// Logger wall-clock time as "wall milliseconds": what Date.UTC() gives for the same calendar fields.
// The zone is applied later by ZoneClock (lib/time/zone-clock.ts); keeping the two apart lets the hot path stay integer math.

const MS_PER_DAY = 86_400_000;
/** TOB1 SECONDS count from 1990-01-01 00:00:00 on the logger clock. */
export const TOB1_EPOCH_WALL_MS = Date.UTC(1990, 0, 1);

const DIGIT_0 = 48;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

function digits(buf: Uint8Array, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i++) {
    const d = (buf[i] ?? 0) - DIGIT_0;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

/**
 * Parses `YYYY-MM-DD HH:MM:SS` with an optional fraction of any length (`.1`, `.105`, `.123456789`)
 * from bytes [start, end) (quotes already stripped). A `T` separator is accepted too.
 * Returns wall milliseconds, or NaN when the text is not such a timestamp or names an impossible date.
 */
export function parseWallTimestamp(buf: Uint8Array, start: number, end: number): number {
  if (end - start < 19) return Number.NaN;
  if (buf[start + 4] !== 45 || buf[start + 7] !== 45) return Number.NaN; // '-'
  const sep = buf[start + 10];
  if (sep !== 32 && sep !== 84) return Number.NaN; // ' ' or 'T'
  if (buf[start + 13] !== 58 || buf[start + 16] !== 58) return Number.NaN; // ':'
  const year = digits(buf, start, 4);
  const month = digits(buf, start + 5, 2);
  const day = digits(buf, start + 8, 2);
  const hour = digits(buf, start + 11, 2);
  const minute = digits(buf, start + 14, 2);
  const second = digits(buf, start + 17, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23) return Number.NaN;
  if (minute < 0 || minute > 59 || second < 0 || second > 59) return Number.NaN;
  const monthDays = month === 2 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
  if (day > monthDays) return Number.NaN;

  let fractionMs = 0;
  if (end - start > 19) {
    const count = end - start - 20;
    // '.' then 1..15 digits (integers stay exact, and one division rounds correctly).
    if (buf[start + 19] !== 46 || count < 1 || count > 15) return Number.NaN;
    const fraction = digits(buf, start + 20, count);
    if (fraction < 0) return Number.NaN;
    fractionMs = count <= 3 ? fraction * 10 ** (3 - count) : fraction / 10 ** (count - 3);
  }
  return daysFromCivil(year, month, day) * MS_PER_DAY + ((hour * 60 + minute) * 60 + second) * 1000 + fractionMs;
}

/** TOB1 SECONDS + NANOSECONDS -> wall milliseconds (sub-millisecond part kept as a fraction). */
export function tob1WallMs(seconds: number, nanoseconds: number): number {
  return TOB1_EPOCH_WALL_MS + seconds * 1000 + nanoseconds / 1e6;
}
