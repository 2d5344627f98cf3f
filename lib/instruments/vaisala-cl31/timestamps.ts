// The timestamp lines loggers write around each message: `-2020-05-01 00:00:16` (Vaisala BL-View and its
// logger scripts), the same without the dash or with a `T` or fractional seconds, or Unix seconds (cl2nc reads
// both forms). They carry no zone: the instrument's configured timezone applies (UTC by default).

import { ZoneClock } from '../../time/zone-clock';

const ISO_LIKE = /^-?(\d{4})-(\d\d)-(\d\d)[ T](\d\d):(\d\d):(\d\d)(\.\d{1,6})?$/;
const UNIX_SECONDS = /^\d{9,10}(\.\d{1,6})?$/;

export interface LineTime {
  ms: number;
  /** Unix seconds are UTC by definition; date-time text is the logger's wall clock. */
  isUtc: boolean;
}

/** The time a timestamp line holds, or null when the line is not one. */
export function parseTimestampLine(text: string): LineTime | null {
  const trimmed = text.trim();
  const iso = ISO_LIKE.exec(trimmed);
  if (iso) {
    const [, y, mo, d, h, mi, s, fraction] = iso;
    const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) + Math.round(Number(fraction ?? 0) * 1000);
    const check = new Date(ms);
    // Date.UTC rolls 2020-02-31 over into March: a real logger never writes that, a corrupt line might.
    if (check.getUTCMonth() !== Number(mo) - 1 || check.getUTCDate() !== Number(d) || Number(h) > 23 || Number(mi) > 59 || Number(s) > 60) return null;
    return { ms, isUtc: false };
  }
  if (UNIX_SECONDS.test(trimmed)) return { ms: Math.round(Number(trimmed) * 1000), isUtc: true };
  return null;
}

/** A line's time -> UTC ms, reading wall-clock text in the instrument's zone. */
export function lineTimeToUtc(timezone: string | undefined): (time: LineTime) => number {
  if (!timezone || timezone === 'UTC') return (time) => time.ms;
  const clock = new ZoneClock(timezone, 'options.timezone');
  return (time) => (time.isUtc ? time.ms : clock.toUtcMs(time.ms));
}
