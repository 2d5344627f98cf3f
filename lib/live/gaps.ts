// What counts as a gap in a live feed. Record numbers are the logger's own count, so a jump in them is a
// certain loss; a jump in time with consecutive numbers means the logger recorded nothing (power, clock).

export interface GapWindow {
  /** First and last missing record numbers; null for a gap seen only in time. */
  fromRecord: number | null;
  toRecord: number | null;
  /** First and last missing record times (UTC ms). */
  fromTimeMs: number;
  toTimeMs: number;
  /** Records the logger should have written in the gap. */
  missing: number;
}

/** Consecutive record stamps further apart than this are a time gap (1 s records: a hole of 2+ s). */
export function timeGapThresholdMs(intervalMs: number): number {
  return Math.max(2.5 * intervalMs, intervalMs + 1500);
}

export function recordGap(before: { no: number; timeMs: number }, after: { no: number; timeMs: number }, intervalMs: number): GapWindow | null {
  if (after.no <= before.no + 1) return null;
  return {
    fromRecord: before.no + 1,
    toRecord: after.no - 1,
    fromTimeMs: before.timeMs + intervalMs,
    toTimeMs: Math.max(before.timeMs + intervalMs, after.timeMs - intervalMs),
    missing: after.no - before.no - 1,
  };
}

export function timeGap(beforeMs: number, afterMs: number, intervalMs: number): GapWindow | null {
  if (afterMs - beforeMs <= timeGapThresholdMs(intervalMs)) return null;
  return {
    fromRecord: null,
    toRecord: null,
    fromTimeMs: beforeMs + intervalMs,
    toTimeMs: afterMs - intervalMs,
    missing: Math.max(1, Math.round((afterMs - beforeMs) / intervalMs) - 1),
  };
}
