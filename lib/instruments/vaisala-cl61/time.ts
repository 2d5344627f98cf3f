// CF time coordinates: "<unit> since <reference date>[ <time>][ <zone>]". The CL61 writes
// "seconds since 1970-01-01 00:00:00.000" in both firmware schemas, but the units attribute is read rather
// than assumed so that a firmware that changes epoch or unit is decoded correctly (or rejected, by name).

const MS_PER_UNIT: Record<string, number> = {
  millisecond: 1,
  milliseconds: 1,
  msec: 1,
  ms: 1,
  second: 1_000,
  seconds: 1_000,
  sec: 1_000,
  secs: 1_000,
  s: 1_000,
  minute: 60_000,
  minutes: 60_000,
  min: 60_000,
  mins: 60_000,
  hour: 3_600_000,
  hours: 3_600_000,
  hr: 3_600_000,
  h: 3_600_000,
  day: 86_400_000,
  days: 86_400_000,
  d: 86_400_000,
};

const UNITS_PATTERN =
  /^\s*([a-z]+)\s+since\s+(\d{1,4})-(\d{1,2})-(\d{1,2})(?:[T\s]+(\d{1,2}):(\d{1,2})(?::(\d{1,2}(?:\.\d*)?))?)?\s*(Z|UTC|GMT|[+-]\d{1,2}(?::?\d{2})?)?\s*$/i;

export interface TimeUnits {
  msPerUnit: number;
  /** The reference instant, UTC milliseconds since the Unix epoch. */
  epochMs: number;
}

/** Parses a CF time units string; null if it is not one (the caller names the variable in its error). */
export function parseTimeUnits(units: string): TimeUnits | null {
  const match = UNITS_PATTERN.exec(units);
  if (!match) return null;
  const [, unit = '', year, month, day, hour, minute, second, zone] = match;
  const msPerUnit = MS_PER_UNIT[unit.toLowerCase()];
  if (msPerUnit === undefined) return null;
  const wholeSeconds = Math.floor(Number(second ?? 0));
  const fractionMs = (Number(second ?? 0) - wholeSeconds) * 1000;
  const utcMs =
    Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour ?? 0), Number(minute ?? 0), wholeSeconds) + fractionMs;
  if (!Number.isFinite(utcMs)) return null;
  return { msPerUnit, epochMs: utcMs - zoneOffsetMs(zone) };
}

/** "+02:00" means local = UTC + 2 h, so the UTC instant is 2 h earlier than the written clock time. */
function zoneOffsetMs(zone: string | undefined): number {
  if (!zone || /^(Z|UTC|GMT)$/i.test(zone)) return 0;
  const match = /^([+-])(\d{1,2}):?(\d{2})?$/.exec(zone);
  if (!match) return 0;
  const sign = match[1] === '-' ? -1 : 1;
  return sign * (Number(match[2]) * 60 + Number(match[3] ?? 0)) * 60_000;
}

/**
 * Converts one coordinate value to UTC milliseconds. Rounded to whole microseconds because the instrument
 * writes float64 seconds (e.g. 1630195160.708), whose binary noise would otherwise show up as
 * 1630195160708.0002 ms and make equal instants compare unequal.
 */
export function toTimeMs(value: number, units: TimeUnits): number {
  return units.epochMs + Math.round(value * units.msPerUnit * 1000) / 1000;
}
