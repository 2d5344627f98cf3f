// Instrument clock -> UTC: the one place that turns wall-clock times of an IANA zone into UTC instants.
//
// Loggers (Campbell TOA5/TOB1, DataQuery) and instrument PCs (RPG HATPRO with timeRef=0) stamp records with
// their own wall clock and no zone. We receive that wall time as
// "wall milliseconds": the number Date.UTC() would give for the same calendar fields. Converting to UTC
// means subtracting the zone's offset at that wall time, which Intl can tell us, but Intl costs microseconds
// per call, and a 10 Hz day is 864,000 rows. So offsets are cached per wall-clock hour: one hour is
// resolved with a few Intl calls and then every row in it costs one comparison and one subtraction.
//
// DST, deterministically (the same rule as Temporal's `disambiguation: 'compatible'` and java.time):
// - overlap (autumn: a wall time occurs twice): the EARLIER instant, i.e. the offset before the change.
// - gap (spring: a wall time never occurs): shifted forward by the gap, i.e. read with the offset before
//   the change (02:30 in a 02:00->03:00 gap becomes 03:30 summer time).
// Each conversion records which case applied in `lastResolution`, so parsers can count affected rows.
// Loggers should run on standard time all year; these rules only keep a DST-following clock from failing.

const MS_PER_MINUTE = 60_000;
const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;
/** Enough for years of hourly rows; the cache is simply emptied when full. */
const MAX_CACHED_HOURS = 100_000;

export type WallTimeResolution = 'unique' | 'ambiguous' | 'gap';

interface Resolved {
  offsetMs: number;
  resolution: WallTimeResolution;
}

/** A whole wall-clock hour with one offset, or `null` when a transition touches that hour. */
type HourEntry = Resolved | null;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True when Intl knows the zone (an IANA name such as `Europe/Berlin`, or `UTC`). */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

function isUtcAlias(timeZone: string): boolean {
  return /^(utc|etc\/utc|etc\/gmt|gmt|z|etc\/zulu|zulu|etc\/uct|uct|etc\/universal|universal)$/i.test(timeZone);
}

export class ZoneClock {
  readonly timeZone: string;
  /** How the most recent `toUtcMs` call resolved its wall time. */
  lastResolution: WallTimeResolution = 'unique';

  private readonly isUtc: boolean;
  private readonly formatter: Intl.DateTimeFormat | null;
  private readonly hours = new Map<number, HourEntry>();
  private readonly minutes = new Map<number, Resolved>();
  private lastHour = Number.NaN;
  private lastEntry: Resolved = { offsetMs: 0, resolution: 'unique' };

  /**
   * Throws a RangeError naming the zone (and `what` was configured with it) when Intl does not know it: a
   * configuration mistake, kept apart from the ParseErrors that quarantine a file.
   */
  constructor(timeZone = 'UTC', what = 'the logger clock') {
    this.timeZone = timeZone;
    this.isUtc = isUtcAlias(timeZone);
    if (this.isUtc) {
      this.formatter = null;
      return;
    }
    try {
      this.formatter = formatterFor(timeZone);
    } catch {
      throw new RangeError(`Unknown IANA time zone "${timeZone}" for ${what} (expected e.g. "UTC", "Europe/Berlin")`);
    }
  }

  /** UTC milliseconds -> the zone's wall milliseconds (as if UTC), e.g. to ask a logger for a time range. */
  toWallMs(utcMs: number): number {
    return utcMs + this.offsetAtUtc(utcMs);
  }

  /** Wall milliseconds (logger clock, as if UTC) -> UTC milliseconds since the epoch. */
  toUtcMs(wallMs: number): number {
    if (this.isUtc) return wallMs;
    const hour = Math.floor(wallMs / MS_PER_HOUR);
    if (hour !== this.lastHour) {
      const entry = this.hourEntry(hour);
      if (entry === null) return this.viaMinute(wallMs);
      this.lastHour = hour;
      this.lastEntry = entry;
    }
    this.lastResolution = this.lastEntry.resolution;
    return wallMs - this.lastEntry.offsetMs;
  }

  private hourEntry(hour: number): HourEntry {
    const cached = this.hours.get(hour);
    if (cached !== undefined) return cached;
    const start = this.resolve(hour * MS_PER_HOUR);
    const end = this.resolve((hour + 1) * MS_PER_HOUR - 1);
    // A transition inside the hour shows up as a different offset or a non-unique end point.
    const uniform = start.resolution === 'unique' && end.resolution === 'unique' && start.offsetMs === end.offsetMs;
    const entry = uniform ? start : null;
    if (this.hours.size >= MAX_CACHED_HOURS) this.hours.clear();
    this.hours.set(hour, entry);
    return entry;
  }

  /** Hours that contain a transition are resolved per minute (transitions fall on whole minutes). */
  private viaMinute(wallMs: number): number {
    const minute = Math.floor(wallMs / MS_PER_MINUTE);
    let entry = this.minutes.get(minute);
    if (!entry) {
      entry = this.resolve(minute * MS_PER_MINUTE);
      if (this.minutes.size >= MAX_CACHED_HOURS) this.minutes.clear();
      this.minutes.set(minute, entry);
    }
    this.lastHour = Number.NaN;
    this.lastResolution = entry.resolution;
    return wallMs - entry.offsetMs;
  }

  /** Assumes at most one transition within a day either side, true of every zone in the tz database. */
  private resolve(wallMs: number): Resolved {
    const before = this.offsetAtUtc(wallMs - MS_PER_DAY);
    const after = this.offsetAtUtc(wallMs + MS_PER_DAY);
    if (before === after) return { offsetMs: before, resolution: 'unique' };
    const beforeFits = this.offsetAtUtc(wallMs - before) === before;
    const afterFits = this.offsetAtUtc(wallMs - after) === after;
    if (beforeFits && afterFits) {
      // Overlap: the earlier instant is the one with the larger offset.
      return { offsetMs: Math.max(before, after), resolution: 'ambiguous' };
    }
    if (beforeFits) return { offsetMs: before, resolution: 'unique' };
    if (afterFits) return { offsetMs: after, resolution: 'unique' };
    return { offsetMs: before, resolution: 'gap' };
  }

  /** The zone's UTC offset at an instant, in ms (east positive). */
  offsetAtUtc(utcMs: number): number {
    const formatter = this.formatter;
    if (!formatter) return 0;
    const fields: Record<string, number> = {};
    for (const part of formatter.formatToParts(utcMs)) {
      if (part.type !== 'literal') fields[part.type] = Number(part.value);
    }
    const asUtc = Date.UTC(
      fields.year ?? 1970,
      (fields.month ?? 1) - 1,
      fields.day ?? 1,
      fields.hour ?? 0,
      fields.minute ?? 0,
      fields.second ?? 0,
    );
    // Intl drops milliseconds, so compare against the instant truncated to whole seconds.
    return asUtc - (utcMs - (((utcMs % 1000) + 1000) % 1000));
  }
}
