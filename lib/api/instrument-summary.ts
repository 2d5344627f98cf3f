// What GET /api/v1/instruments says per instrument: site, kind, variables, the time span its data covers,
// and its feed health (state, last record, completeness over the last 24 hours).
import 'server-only';
import type { Queryable } from '../../db/client';
import { type ApiInstrument, countRecords, getApiCoverage, listApiInstruments, listApiVariables } from '../../db/queries/export-catalog';
import { DEFAULT_INTERVAL_SECONDS, feedState } from '../health/feed-state';
import { COMPLETENESS_WINDOW_SECONDS, completenessPercent } from '../overview/window-stats';

export async function summarizeInstrument(db: Queryable, instrument: ApiInstrument, now = new Date()) {
  const variables = await listApiVariables(db, instrument.id);
  const coverage = await getApiCoverage(db, variables);
  // Completeness follows one variable, the first the instrument defined: counting every variable's
  // records would cost a scan per variable for the same answer.
  const reference = variables[0];
  const interval = instrument.expectedIntervalSeconds ?? DEFAULT_INTERVAL_SECONDS;
  const records = reference ? await countRecords(db, reference, new Date(now.getTime() - COMPLETENESS_WINDOW_SECONDS * 1000), now) : 0;
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
      completeness24h: reference ? Math.round(completenessPercent(records, interval) * 100) / 10_000 : null,
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
