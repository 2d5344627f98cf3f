// What GET /api/v1/instruments says per instrument: site, kind, variables, the time span its data covers,
// and its feed health (state, last record, completeness over the last 24 hours). Set-based: the same few
// queries for any number of instruments.
import 'server-only';
import type { Queryable } from '../../db/client';
import { type ApiCoverage, type ApiVariable, listApiCoverage, listApiVariablesByInstrument, NO_COVERAGE } from '../../db/queries/export-catalog';
import { getVisibleInstrument, listVisibleInstruments, type VisibleInstrument } from '../../db/queries/instrument-access';
import { measureFeeds } from '../health/feed-completeness';
import { feedState } from '../health/feed-state';
import { COMPLETENESS_WINDOW_SECONDS } from '../overview/window-stats';
import { roundShare } from './range-health';

function toSummary(instrument: VisibleInstrument, variables: ApiVariable[], coverage: ApiCoverage, completeness: number | null, now: Date) {
  return {
    id: instrument.id,
    name: instrument.name,
    kind: instrument.kind,
    siteId: instrument.siteId,
    siteName: instrument.siteName,
    enabled: instrument.enabled,
    expectedIntervalSeconds: instrument.expectedIntervalSeconds,
    variables: variables.map((v) => ({ name: v.name, unit: v.unit, processing: v.processing, shape: v.shape, stream: v.stream })),
    coverage: { start: coverage.first?.toISOString() ?? null, end: coverage.last?.toISOString() ?? null },
    health: {
      state: feedState({ ...instrument, lastDataAt: coverage.last }, now),
      lastRecord: coverage.last?.toISOString() ?? null,
      completeness24h: completeness === null ? null : roundShare(completeness),
    },
  };
}

export type InstrumentSummary = ReturnType<typeof toSummary>;

export async function summarizeInstruments(db: Queryable, instruments: readonly VisibleInstrument[], now = new Date()): Promise<InstrumentSummary[]> {
  if (instruments.length === 0) return [];
  const ids = instruments.map((i) => i.id);
  const variables = await listApiVariablesByInstrument(db, ids);
  const coverage = await listApiCoverage(db, ids);
  // The overview's 24 h figure, by the same definition.
  const day = { from: new Date(now.getTime() - COMPLETENESS_WINDOW_SECONDS * 1000), to: now };
  const feeds = await measureFeeds(db, instruments, day, { gapWindow: null });
  return instruments.map((i) => toSummary(i, variables.get(i.id) ?? [], coverage.get(i.id) ?? NO_COVERAGE, feeds.get(i.id)?.completeness ?? null, now));
}

/** The instruments in the scope (null: all). */
export async function listInstrumentSummaries(db: Queryable, scope: readonly string[] | null): Promise<InstrumentSummary[]> {
  return summarizeInstruments(db, await listVisibleInstruments(db, scope));
}

/** One instrument, or undefined when it does not exist or lies outside the scope. */
export async function getInstrumentSummary(db: Queryable, id: string, scope: readonly string[] | null): Promise<InstrumentSummary | undefined> {
  const instrument = await getVisibleInstrument(db, id, scope);
  return instrument ? (await summarizeInstruments(db, [instrument]))[0] : undefined;
}
