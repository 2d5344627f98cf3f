// Completeness over the last 24 h and gaps since UTC midnight, per instrument, against its expected cadence,
// by the project's one definition of both (lib/health/feed-completeness.ts).
import type { Executor } from '../../db/queries/feed-window';
import { type CadencedInstrument, measureFeeds } from '../health/feed-completeness';
import { utcMidnightMs } from '../live/feed-metrics';

export const COMPLETENESS_WINDOW_SECONDS = 24 * 3600;

export interface WindowStats {
  /** Distinct record times in the last 24 h as a percent of 24 h / cadence, at most 100. */
  completenessPercent: number;
  /** Gaps (holes longer than the gap threshold) that overlap today, UTC. */
  gapsToday: number;
  /** Records counted in the 24 h window. */
  records24h: number;
}

/** Instruments without a configured cadence, or without any data, get no figures (nothing to measure against). */
export async function computeWindowStats(db: Executor, instruments: CadencedInstrument[], now: Date): Promise<Map<string, WindowStats>> {
  const window = { from: new Date(now.getTime() - COMPLETENESS_WINDOW_SECONDS * 1000), to: now };
  const today = { from: new Date(utcMidnightMs(now.getTime())), to: now };
  const figures = await measureFeeds(db, instruments.filter((i) => i.expectedIntervalSeconds), window, { gapWindow: today });
  const stats = new Map<string, WindowStats>();
  for (const [id, f] of figures) {
    if (f.completeness === null || f.gapCount === null) continue;
    stats.set(id, { completenessPercent: 100 * f.completeness, gapsToday: f.gapCount, records24h: f.records });
  }
  return stats;
}
