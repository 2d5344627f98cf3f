// A Campbell logger writes its clock's wall time with no zone ("2026-03-01T12:00:05" or with a fraction).
// The instrument's configured timezone says which zone that clock keeps; everything stored is UTC.

const LOGGER_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(\.\d+)?$/;

/** Offset of `timeZone` from UTC at the UTC instant `utcMs`, in ms (east positive). */
function zoneOffsetMs(utcMs: number, timeZone: string): number {
  if (timeZone === 'UTC') return 0;
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(new Date(utcMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

/** Logger wall time → UTC ms, or null when the text is not a logger time stamp. */
export function loggerTimeToUtcMs(text: string, timeZone = 'UTC'): number | null {
  const m = LOGGER_TIME.exec(text.trim());
  if (!m) return null;
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]))
    + (m[7] ? Math.round(Number(m[7]) * 1000) : 0);
  if (timeZone === 'UTC') return wall;
  // Two passes settle the offset across a DST change for every time that exists in the zone.
  const first = wall - zoneOffsetMs(wall, timeZone);
  return wall - zoneOffsetMs(first, timeZone);
}

/** UTC ms → the logger's wall time text, for DataQuery parameters (since-time, date-range). */
export function utcMsToLoggerTime(utcMs: number, timeZone = 'UTC'): string {
  const wall = new Date(utcMs + zoneOffsetMs(utcMs, timeZone)).toISOString();
  const fraction = utcMs % 1000 === 0 ? '' : wall.slice(19, 23);
  return `${wall.slice(0, 10)}T${wall.slice(11, 19)}${fraction}`;
}
