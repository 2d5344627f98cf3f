// A vehicle log's rows carry only hour, minute and second; the date comes from the log itself:
// the opening comment `# Start Aug 13 2023 23:18:51 UTC ...` when present, else `YYYY-MM-DD` in the file
// name (the logger names files `YYYY-MM-DD_HHMMSS-HHMMSS.log`, by the start date).

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const START_COMMENT = /^#\s*Start\s+([A-Za-z]{3})[a-z]*\s+(\d{1,2})\s+(\d{4})\s+(\d{1,2}):(\d{2}):(\d{2})\s+UTC\b/;
const NAME_DATE = /(\d{4})-(\d{2})-(\d{2})/;

export interface LogStart {
  /** UTC midnight of the start date, in ms. */
  dayMs: number;
  /** Seconds after midnight of the start, or null when only the date is known (from the file name). */
  secondOfDay: number | null;
  source: 'comment' | 'fileName';
}

function utcDay(year: number, month: number, day: number): number | null {
  const ms = Date.UTC(year, month - 1, day);
  const date = new Date(ms);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? ms : null;
}

/** The start from a `# Start ...` comment line, or null when the line is not one (or names an impossible date). */
export function startFromComment(line: string): LogStart | null {
  const m = START_COMMENT.exec(line);
  if (!m) return null;
  const month = MONTHS.indexOf(m[1]!.toLowerCase()) + 1;
  const [hour, minute, second] = [Number(m[4]), Number(m[5]), Number(m[6])];
  if (month === 0 || hour > 23 || minute > 59 || second > 59) return null;
  const dayMs = utcDay(Number(m[3]), month, Number(m[2]));
  return dayMs === null ? null : { dayMs, secondOfDay: (hour * 60 + minute) * 60 + second, source: 'comment' };
}

export function startFromFileName(fileName: string): LogStart | null {
  const m = NAME_DATE.exec(fileName.split('/').pop() ?? fileName);
  if (!m) return null;
  const dayMs = utcDay(Number(m[1]), Number(m[2]), Number(m[3]));
  return dayMs === null ? null : { dayMs, secondOfDay: null, source: 'fileName' };
}
