// What GET /api/v1/instruments says per instrument: site, kind, variables, the time span its data covers,
// and its feed health (state, last record, completeness over the last 24 hours).
import 'server-only';
import type { Queryable } from '../../db/client';
import { type ApiInstrument, getApiCoverage, listApiInstruments, listApiVariables } from '../../db/queries/export-catalog';
import { measureFeeds } from '../health/feed-completeness';
import { feedState } from '../health/feed-state';
import { COMPLETENESS_WINDOW_SECONDS } from '../overview/window-stats';
import { roundShare } from './range-health';

export async function summarizeInstrument(db: Queryable, instrument: ApiInstrument, now = new Date()) {
  const variables = await listApiVariables(db, instrument.id);
  const coverage = await getApiCoverage(db, variables);
  // The overview's 24 h figure, by the same definition.
  const day = { from: new Date(now.getTime() - COMPLETENESS_WINDOW_SECONDS * 1000), to: now };
  const completeness = (await measureFeeds(db, [instrument], day, { gapWindow: null })).get(instrument.id)?.completeness ?? null;
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

export type InstrumentSummary = Awaited<ReturnType<typeof summarizeInstrument>>;

export async function listInstrumentSummaries(db: Queryable, scope: readonly string[] | null, onlyId?: string): Promise<InstrumentSummary[]> {
  const instruments = await listApiInstruments(db, scope, onlyId);
  const out: InstrumentSummary[] = [];
  for (const instrument of instruments) out.push(await summarizeInstrument(db, instrument));
  return out;
}
