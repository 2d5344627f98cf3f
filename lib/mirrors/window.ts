// The days a verification reports on. UTC days, like the sync windows and the ledger: a file's day is the
// UTC day of its modification time.

const DAY_MS = 86_400_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** First and last day reported on, inclusive, as YYYY-MM-DD. */
export interface DayWindow {
  start: string;
  end: string;
}

/** This month and last month: a file missing since the end of last month is still reported for weeks. */
export function defaultVerifyWindow(now: Date): DayWindow {
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return { start: dayOf(start.getTime()), end: dayOf(now.getTime()) };
}

/** `from`/`to` from the command line; either may be left out (from: default start, to: today). */
export function verifyWindow(now: Date, from?: string, to?: string): DayWindow {
  for (const [flag, value] of [['--from', from], ['--to', to]] as const) {
    if (value !== undefined && (!DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)))) {
      throw new RangeError(`${flag} must be a date like 2026-11-21, got '${value}'`);
    }
  }
  const window = { start: from ?? defaultVerifyWindow(now).start, end: to ?? dayOf(now.getTime()) };
  if (window.end < window.start) throw new RangeError(`--to ${window.end} is before --from ${window.start}`);
  return window;
}

/** The window as modification times: [start 00:00, the day after end 00:00). */
export function windowBounds(window: DayWindow): { fromMs: number; toMs: number } {
  return { fromMs: Date.parse(`${window.start}T00:00:00Z`), toMs: Date.parse(`${window.end}T00:00:00Z`) + DAY_MS };
}

export function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
