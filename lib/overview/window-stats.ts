// Completeness over the last 24 h and gaps since UTC midnight, per instrument, against its expected cadence.
// One definition of a gap for the whole project: a step between consecutive records longer than
// lib/live/gaps.ts's time-gap threshold, the same rule the live poller uses when it opens a gap.
import { countSeriesWindow, type Executor, listRecordSeries } from '../../db/queries/overview';
import { timeGapThresholdMs } from '../live/gaps';
import { utcMidnightMs } from '../live/feed-metrics';

export const COMPLETENESS_WINDOW_SECONDS = 24 * 3600;

export interface WindowStats {
  /** Distinct record times in the last 24 h as a percent of 24 h / cadence, at most 100. */
  completenessPercent: number;
  /** Gaps (steps longer than the gap threshold) that end since UTC midnight. */
  gapsToday: number;
  /** Records counted in the 24 h window. */
  records24h: number;
}

export interface CadencedInstrument {
  id: string;
  expectedIntervalSeconds: number | null;
}

/** Instruments without a configured cadence, or without any data, get no figures (nothing to measure against). */
export async function computeWindowStats(db: Executor, instruments: CadencedInstrument[], now: Date): Promise<Map<string, WindowStats>> {
  const cadence = new Map(instruments.filter((i) => i.expectedIntervalSeconds).map((i) => [i.id, i.expectedIntervalSeconds!]));
  const series = (await listRecordSeries(db)).filter((s) => cadence.has(s.instrumentId));
  const from = new Date(now.getTime() - COMPLETENESS_WINDOW_SECONDS * 1000);
  const dayStart = new Date(utcMidnightMs(now.getTime()));
  const stats = new Map<string, WindowStats>();
  // One instrument at a time: this runs in the background of a cache, and must not take the whole pool.
  for (const s of series) {
    const interval = cadence.get(s.instrumentId)!;
    const gapSeconds = timeGapThresholdMs(interval * 1000) / 1000;
    const counts = await countSeriesWindow(db, s, { from, to: now, dayStart, gapSeconds });
    stats.set(s.instrumentId, {
      completenessPercent: completenessPercent(counts.records, interval),
      gapsToday: counts.gaps,
      records24h: counts.records,
    });
  }
  return stats;
}

export function completenessPercent(records: number, intervalSeconds: number): number {
  const expected = COMPLETENESS_WINDOW_SECONDS / intervalSeconds;
  return Math.min(100, (100 * records) / expected);
}
