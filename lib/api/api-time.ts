// Times in partner API parameters: ISO 8601 (`2026-03-01`, `2026-03-01T12:00:00Z`, with an offset) or
// relative to now (`now`, `now-7d`, `now-90m`, `now+1h`). A time without an offset is UTC.

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };
const RELATIVE = /^now(?:([+-])(\d{1,9})([smhdw]))?$/;
// Calendar date, optionally with a time (fractional seconds allowed) and a zone.
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Earliest and latest times the API accepts: wide enough for any campaign, narrow enough for both clocks. */
export const MIN_API_TIME = Date.UTC(1900, 0, 1);
export const MAX_API_TIME = Date.UTC(2200, 0, 1);

/** Parses one time parameter; returns an error message (without the parameter's name) when it is not one. */
export function parseApiTime(text: string, now: Date): Date | string {
  const value = text.trim();
  const relative = RELATIVE.exec(value);
  if (relative) {
    const [, sign, amount, unit] = relative;
    const offset = sign ? (sign === '-' ? -1 : 1) * Number(amount) * UNIT_SECONDS[unit!]! * 1000 : 0;
    return checkRange(new Date(now.getTime() + offset));
  }
  const iso = ISO.exec(value);
  if (!iso) return 'expected an ISO 8601 time (2026-03-01T12:00:00Z) or now-<n><s|m|h|d|w>';
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '', zone = 'Z'] = iso;
  // Date would roll 2026-02-30 over to March 2: check the fields first.
  const daysInMonth = new Date(Date.UTC(Number(y), Number(mo), 0)).getUTCDate();
  if (Number(mo) < 1 || Number(mo) > 12 || Number(d) < 1 || Number(d) > daysInMonth || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) {
    return 'not a valid calendar time';
  }
  const offset = zone === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}${frac.slice(0, 4)}${offset}`);
  if (Number.isNaN(date.getTime())) return 'not a valid calendar time';
  return checkRange(date);
}

function checkRange(date: Date): Date | string {
  const t = date.getTime();
  if (!(t >= MIN_API_TIME && t <= MAX_API_TIME)) return 'outside the years 1900 to 2200';
  return date;
}
