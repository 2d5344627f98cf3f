// The feed-health block of a data response: the feed's state now (lib/health/feed-state.ts), and how
// complete the requested range is and where its gaps are, by the project's one definition of both
// (lib/health/feed-completeness.ts) over [start, min(end, now)).
import type { Queryable } from '../../db/client';
import { measureFeeds } from '../health/feed-completeness';
import { type FeedState, feedState } from '../health/feed-state';

export const MAX_LISTED_GAPS = 10;

export interface RangeHealth {
  state: FeedState;
  lastRecord: string | null;
  /** 0..1, records found / records expected in [start, min(end, now)); null when unknown (no cadence, an empty span, no data yet). */
  completeness: number | null;
  /** null without a cadence: no threshold to judge a hole by. */
  gapCount: number | null;
  /** The first gaps as ISO 8601 intervals (`from/to`), clipped to the range. */
  gaps: string[];
}

export interface InstrumentFacts {
  id: string;
  enabled: boolean;
  paused: boolean;
  expectedIntervalSeconds: number | null;
}

export async function rangeHealth(
  db: Queryable,
  instrument: InstrumentFacts,
  lastDataAt: Date | null,
  range: { start: Date; end: Date },
  now = new Date(),
): Promise<RangeHealth> {
  const state = feedState({ ...instrument, lastDataAt }, now);
  // A range in the future has an empty past part: nothing expected, nothing missing.
  const until = new Date(Math.max(range.start.getTime(), Math.min(range.end.getTime(), now.getTime())));
  const figures = (await measureFeeds(db, [instrument], { from: range.start, to: until }, { listGaps: MAX_LISTED_GAPS })).get(instrument.id)!;
  return {
    state,
    lastRecord: lastDataAt?.toISOString() ?? null,
    completeness: figures.completeness === null ? null : roundShare(figures.completeness),
    gapCount: figures.gapCount,
    gaps: figures.gaps.map((g) => `${g.from.toISOString()}/${g.to.toISOString()}`),
  };
}

/** A share as the API shows it: four decimals. */
export function roundShare(share: number): number {
  return Math.round(share * 10_000) / 10_000;
}

/** The block as response headers (every format carries them). */
export function healthHeaders(health: RangeHealth): Record<string, string> {
  return {
    'x-feed-state': health.state,
    'x-feed-last-record': health.lastRecord ?? 'none',
    'x-feed-completeness': health.completeness === null ? 'unknown' : String(health.completeness),
    'x-feed-gap-count': health.gapCount === null ? 'unknown' : String(health.gapCount),
    'x-feed-gaps': health.gaps.join(', '),
  };
}
