// The one definition of a feed's completeness and gaps in a window, for the overview (24 h), the partner API
// (24 h and any requested range) and the health collector (its last hour):
// - completeness: distinct record times in [from, to) as a share of (to - from) / expected cadence, at most 1;
// - a gap: a hole between consecutive records longer than lib/live/gaps.ts's time-gap threshold (the rule the
//   live poller opens a gap by), counted in a window when the hole overlaps it. A hole across a window edge
//   counts in both windows. A silence that no record has ended yet is not a gap: that is the feed state's
//   business, and records still in transit must not read as a hole.
// The records standing for an instrument are one series (db/queries/feed-window.ts listRecordSeries).
import { type Executor, listRecordSeries, readSeriesWindows, type SeriesWindowSteps } from '../../db/queries/feed-window';
import { timeGapThresholdMs } from '../live/gaps';

export interface FeedWindow {
  from: Date;
  to: Date;
}

export interface CadencedInstrument {
  id: string;
  expectedIntervalSeconds: number | null;
}

export interface FeedFigures {
  /** Distinct record times in the window. */
  records: number;
  /** Records the cadence promises in the window; null without a cadence. */
  expected: number | null;
  /** records / expected, 0..1; null without a cadence, for an empty window, or when the instrument never recorded. */
  completeness: number | null;
  /** Holes overlapping the gap window; null without a cadence (no threshold to judge by) or when not asked for. */
  gapCount: number | null;
  /** The first `listGaps` holes, earliest first, clipped to the gap window. */
  gaps: FeedWindow[];
}

export interface MeasureOptions {
  /**
   * Where to count gaps: by default the window itself; another one (the overview: today, next to 24 h
   * completeness); or null for completeness alone, which saves a pass over the records.
   */
  gapWindow?: FeedWindow | null;
  /** How many gaps to return as intervals (default none: count only). */
  listGaps?: number;
}

/**
 * Completeness and gaps of each instrument in a window: two queries however many instruments (which series
 * stands for each, then every series' window in one statement), so a caller never holds more than one
 * connection of the pool and the partner API's instrument list does not query per instrument.
 */
export async function measureFeeds(db: Executor, instruments: readonly CadencedInstrument[], window: FeedWindow, options: MeasureOptions = {})
  : Promise<Map<string, FeedFigures>> {
  const gapWindow = options.gapWindow === undefined ? window : options.gapWindow;
  const listGaps = options.listGaps ?? 0;
  checkWindow(window, 'window');
  if (gapWindow) checkWindow(gapWindow, 'gap window');
  if (!Number.isInteger(listGaps) || listGaps < 0) throw new RangeError(`listGaps must be a whole number ≥ 0, got ${listGaps}`);
  for (const i of instruments) {
    const cadence = i.expectedIntervalSeconds;
    if (cadence !== null && !(Number.isFinite(cadence) && cadence > 0)) throw new RangeError(`instrument ${i.id}: cadence must be > 0 s, got ${cadence}`);
  }
  const series = new Map((await listRecordSeries(db, instruments.map((i) => i.id))).map((s) => [s.instrumentId, s]));
  const plans = instruments.map((instrument) => ({ instrument, series: series.get(instrument.id), gaps: gapQuery(instrument, gapWindow, listGaps) }));
  const measured = plans.filter((p) => p.series !== undefined);
  const answers = await readSeriesWindows(db, measured.map((p) => ({ series: p.series!, query: { records: window, gaps: p.gaps } })));
  const timesOf = new Map(measured.map((p, k) => [p.instrument.id, answers[k]!]));
  const figures = new Map<string, FeedFigures>();
  for (const { instrument, gaps } of plans) {
    const times = timesOf.get(instrument.id) ?? null;
    let found: { count: number | null; first: FeedWindow[] } = { count: null, first: [] };
    if (gaps) found = times?.steps ? holes(times.steps, gaps, gaps.thresholdSeconds * 1000, listGaps) : { count: 0, first: [] };
    figures.set(instrument.id, { ...completenessOf(times?.records ?? null, instrument.expectedIntervalSeconds, window), gapCount: found.count, gaps: found.first });
  }
  return figures;
}

/** Where and by which threshold to look for gaps; null without a cadence (nothing to judge a hole by) or a gap window. */
function gapQuery(instrument: CadencedInstrument, gapWindow: FeedWindow | null, list: number) {
  const cadence = instrument.expectedIntervalSeconds;
  if (!gapWindow || cadence === null) return null;
  return { ...gapWindow, thresholdSeconds: timeGapThresholdMs(cadence * 1000) / 1000, list };
}

function checkWindow(w: FeedWindow, what: string): void {
  if (Number.isNaN(w.from.getTime()) || Number.isNaN(w.to.getTime())) throw new RangeError(`${what}: not a valid time`);
  if (w.to < w.from) throw new RangeError(`${what} ends (${w.to.toISOString()}) before it starts (${w.from.toISOString()})`);
}

/** `records: null`: the instrument never recorded anything, so there is nothing to measure yet. */
function completenessOf(records: number | null, cadenceSeconds: number | null, window: FeedWindow) {
  const spanSeconds = (window.to.getTime() - window.from.getTime()) / 1000;
  const expected = cadenceSeconds === null ? null : spanSeconds / cadenceSeconds;
  const completeness = expected === null || expected === 0 || records === null ? null : Math.min(1, records / expected);
  return { records: records ?? 0, expected, completeness };
}

/**
 * The holes overlapping the gap window: those between records inside it (counted by the query), plus the
 * ones into and out of it from the nearest records outside. A hole ending exactly at the window's start
 * lies wholly before it; one ending exactly at its end lies inside.
 */
function holes(s: SeriesWindowSteps, w: FeedWindow, thresholdMs: number, listGaps: number): { count: number; first: FeedWindow[] } {
  if (w.to.getTime() === w.from.getTime()) return { count: 0, first: [] };
  const wide = (a: Date | null, b: Date | null): boolean => a !== null && b !== null && b.getTime() - a.getTime() > thresholdMs;
  // With no record inside, the step into the window is the one from `before` straight to `after`.
  const entry = s.first ?? s.after;
  const head = wide(s.before, entry) && entry!.getTime() > w.from.getTime() ? [{ from: s.before!, to: entry! }] : [];
  const tail = wide(s.last, s.after) ? [{ from: s.last!, to: s.after! }] : [];
  const clip = (g: FeedWindow): FeedWindow => ({ from: g.from < w.from ? w.from : g.from, to: g.to > w.to ? w.to : g.to });
  return {
    count: head.length + s.innerGaps + tail.length,
    first: [...head, ...s.listed, ...tail].slice(0, listGaps).map(clip),
  };
}
