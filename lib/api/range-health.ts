// The feed-health block of a data response: the feed's state now (lib/health/feed-state.ts), and how
// complete the requested range is: records found against records expected at the instrument's cadence,
// and the gaps (spacing over twice the cadence, including a missing start or end of the range).
import type { Queryable } from '../../db/client';
import type { ApiVariable } from '../../db/queries/export-catalog';
import { getRangeRecords } from '../../db/queries/export-health';
import { DEFAULT_INTERVAL_SECONDS, type FeedState, feedState } from '../health/feed-state';

export const MAX_LISTED_GAPS = 10;

export interface RangeHealth {
  state: FeedState;
  lastRecord: string | null;
  /** 0..1, records found / records expected in [start, min(end, now)); null when that span is empty. */
  completeness: number | null;
  gapCount: number;
  /** The first gaps as ISO 8601 intervals (`from/to`). */
  gaps: string[];
}

export interface InstrumentFacts {
  enabled: boolean;
  paused: boolean;
  expectedIntervalSeconds: number | null;
}

export async function rangeHealth(
  db: Queryable,
  instrument: InstrumentFacts,
  lastDataAt: Date | null,
  reference: ApiVariable | undefined,
  range: { start: Date; end: Date },
  now = new Date(),
): Promise<RangeHealth> {
  const state = feedState({ ...instrument, lastDataAt }, now);
  const base = { state, lastRecord: lastDataAt?.toISOString() ?? null };
  const until = new Date(Math.min(range.end.getTime(), now.getTime()));
  const interval = instrument.expectedIntervalSeconds ?? DEFAULT_INTERVAL_SECONDS;
  if (!reference || until <= range.start) return { ...base, completeness: null, gapCount: 0, gaps: [] };
  const gapSeconds = interval * 2;
  const records = await getRangeRecords(db, reference, { start: range.start, end: until }, gapSeconds, MAX_LISTED_GAPS);
  const gaps = records.gaps.map((g) => ({ from: g.from.getTime(), to: g.to.getTime() }));
  // The stretches before the first and after the last record count as gaps too.
  const startMs = range.start.getTime();
  const untilMs = until.getTime();
  const headEnd = records.first?.getTime() ?? untilMs;
  if (headEnd - startMs > gapSeconds * 1000) gaps.unshift({ from: startMs, to: headEnd });
  let gapCount = records.gapCount + (gaps.length > records.gaps.length ? 1 : 0);
  if (records.last && untilMs - records.last.getTime() > gapSeconds * 1000) {
    gapCount += 1;
    if (gaps.length < MAX_LISTED_GAPS + 1) gaps.push({ from: records.last.getTime(), to: untilMs });
  }
  const expected = Math.max(1, Math.floor((untilMs - startMs) / 1000 / interval));
  return {
    ...base,
    completeness: Math.min(1, Math.round((records.count / expected) * 10_000) / 10_000),
    gapCount,
    gaps: gaps.slice(0, MAX_LISTED_GAPS).map((g) => `${new Date(g.from).toISOString()}/${new Date(g.to).toISOString()}`),
  };
}

/** The block as response headers (every format carries them). */
export function healthHeaders(health: RangeHealth): Record<string, string> {
  return {
    'x-feed-state': health.state,
    'x-feed-last-record': health.lastRecord ?? 'none',
    'x-feed-completeness': health.completeness === null ? 'unknown' : String(health.completeness),
    'x-feed-gap-count': String(health.gapCount),
    'x-feed-gaps': health.gaps.join(', '),
  };
}
