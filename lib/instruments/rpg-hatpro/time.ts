// RPG records carry int32 seconds since 2001-01-01 00:00:00. The header's timeRef says whether that clock is
// UTC (1) or the instrument PC's local time (0); local time is interpreted in an IANA zone from the options.

export const RPG_EPOCH_MS = Date.UTC(2001, 0, 1);

/** Converts a record's RPG seconds to UTC milliseconds since the Unix epoch. */
export type TimeDecoder = (rpgSeconds: number) => number;

export function makeTimeDecoder(timeRef: number, timezone = 'UTC'): TimeDecoder {
  const toWallMs = (rpgSeconds: number) => RPG_EPOCH_MS + rpgSeconds * 1000;
  if (timeRef === 1 || timezone === 'UTC') return toWallMs;
  const offsetAt = zoneOffsetLookup(timezone);
  return (rpgSeconds) => wallClockToUtc(toWallMs(rpgSeconds), offsetAt);
}

/**
 * Finds the UTC instant whose wall clock in the zone reads `wallMs`. Ambiguous times (the repeated hour when
 * clocks go back) resolve to one of the two instants; times skipped when clocks go forward resolve to an
 * instant next to the gap. A local-time instrument clock cannot tell us more than that.
 */
export function wallClockToUtc(wallMs: number, offsetAt: (utcMs: number) => number): number {
  const guess = wallMs - offsetAt(wallMs);
  const offsetAtGuess = offsetAt(guess);
  return offsetAtGuess === offsetAt(wallMs) ? guess : wallMs - offsetAtGuess;
}

const QUARTER_HOUR_MS = 15 * 60 * 1000;

/**
 * Returns a function giving the zone's UTC offset (ms) at a UTC instant. Intl is slow per call and a daily
 * housekeeping file has ~86 000 records, so offsets are cached per quarter hour: every transition since
 * 1970 happens on a quarter-hour boundary of UTC because all offsets are whole quarter hours.
 */
export function zoneOffsetLookup(timezone: string): (utcMs: number) => number {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    // A configuration mistake, not a bad file: a RangeError keeps it out of the file quarantine.
    throw new RangeError(`unknown IANA time zone "${timezone}" (options.timezone)`);
  }
  const cache = new Map<number, number>();
  return (utcMs) => {
    const bucket = Math.floor(utcMs / QUARTER_HOUR_MS);
    let offset = cache.get(bucket);
    if (offset === undefined) {
      offset = offsetFromParts(format, bucket * QUARTER_HOUR_MS);
      cache.set(bucket, offset);
    }
    return offset;
  };
}

function offsetFromParts(format: Intl.DateTimeFormat, utcMs: number): number {
  const parts = format.formatToParts(utcMs);
  const field = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((part) => part.type === type)?.value);
  const [year, month, day] = [field('year'), field('month'), field('day')];
  const wall = Date.UTC(year, month - 1, day, field('hour'), field('minute'), field('second'));
  return wall - utcMs;
}
