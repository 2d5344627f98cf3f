// A Campbell logger writes its clock's wall time with no zone ("2026-03-01T12:00:05" or with a fraction).
// The instrument's configured timezone says which zone that clock keeps; everything stored is UTC.
import { ZoneClock } from '../time/zone-clock';

const LOGGER_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(\.\d+)?$/;

// One clock per zone: it caches offsets, and a poller converts every record it reads.
const clocks = new Map<string, ZoneClock>();
function clockFor(timeZone: string): ZoneClock {
  let clock = clocks.get(timeZone);
  if (!clock) {
    clock = new ZoneClock(timeZone);
    clocks.set(timeZone, clock);
  }
  return clock;
}

/** Logger wall time → UTC ms, or null when the text is not a logger time stamp. */
export function loggerTimeToUtcMs(text: string, timeZone = 'UTC'): number | null {
  const m = LOGGER_TIME.exec(text.trim());
  if (!m) return null;
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]))
    + (m[7] ? Math.round(Number(m[7]) * 1000) : 0);
  return clockFor(timeZone).toUtcMs(wall);
}

/** UTC ms → the logger's wall time text, for DataQuery parameters (since-time, date-range). */
export function utcMsToLoggerTime(utcMs: number, timeZone = 'UTC'): string {
  const wall = new Date(clockFor(timeZone).toWallMs(utcMs)).toISOString();
  const fraction = utcMs % 1000 === 0 ? '' : wall.slice(19, 23);
  return `${wall.slice(0, 10)}T${wall.slice(11, 19)}${fraction}`;
}
