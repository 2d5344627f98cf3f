// Which files a sync looks at, and which of them count as late. Days are UTC days: quicklooks and the
// ledger's data times are UTC, and a campaign spanning zones still has one unambiguous day per file.

const DAY_MS = 86_400_000;

export function utcDayStart(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

/** Files with `fromMs <= mtime < settledBeforeMs` are taken. */
export interface SyncWindow {
  fromMs: number;
  /** Files modified at or after this may still be being written, or belong after the asked-for day. */
  toMs: number;
  /** Files modified at or after this are still settling: mtime within `minAge` of now (or in the future). */
  settlingFromMs: number;
}

/**
 * The lookback is counted in whole UTC days before today, so `lookbackDays: 3` on any hour of the 24th takes
 * files from the 21st on, and 0 means today only. With `day`, only files modified on that UTC day.
 */
export function syncWindow(options: { nowMs: number; lookbackDays: number; minAgeSeconds: number; day?: string }): SyncWindow {
  const settlingFromMs = options.nowMs - options.minAgeSeconds * 1000;
  if (options.day) {
    const fromMs = Date.parse(`${options.day}T00:00:00Z`);
    if (Number.isNaN(fromMs)) throw new Error(`invalid day '${options.day}': expected YYYY-MM-DD`);
    return { fromMs, toMs: fromMs + DAY_MS, settlingFromMs };
  }
  return { fromMs: utcDayStart(options.nowMs) - options.lookbackDays * DAY_MS, toMs: Infinity, settlingFromMs };
}

export type WindowPlace = 'outside' | 'settling' | 'inside';

export function placeInWindow(mtimeMs: number, window: SyncWindow): WindowPlace {
  if (mtimeMs < window.fromMs || mtimeMs >= window.toMs) return 'outside';
  return mtimeMs >= window.settlingFromMs ? 'settling' : 'inside';
}

/**
 * A newly seen file is late when its mtime's day is before the newest day the instrument already has data
 * for: that day's quicklooks and reports were made without it. Data times (not earlier mtimes) define
 * "processed", because a day is processed once its rows are appended, whatever the files' mtimes were.
 */
export function isLate(mtimeMs: number, latestAppendedData: Date | null): boolean {
  return latestAppendedData !== null && utcDayStart(mtimeMs) < utcDayStart(latestAppendedData.getTime());
}
