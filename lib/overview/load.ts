// Everything the overview page shows, read in a few set-based queries: instruments with their feed state,
// latest key values, newest quicklook, 24 h completeness and today's gaps, grouped by site.
import type { Database } from '../../db/client';
import { listLiveComponents } from '../../db/queries/heartbeats';
import { type InstrumentOverviewRow, type KeyValueRow, listInstrumentOverview, listLatestKeyValues, listNewestQuicklooks,
  type NewestQuicklookRow } from '../../db/queries/overview';
import { instrumentKind } from '../instruments/registry';
import { feedState, type FeedState } from '../health/feed-state';
import { LIVE_KIND } from '../config/kinds';

export interface OverviewInstrument extends InstrumentOverviewRow {
  state: FeedState;
  live: boolean;
  keyValues: KeyValueRow[];
  quicklook: NewestQuicklookRow | null;
}

export interface OverviewSite {
  siteId: string;
  siteName: string;
  instruments: OverviewInstrument[];
}

/** What changes from second to second: cheap reads, refreshed often. */
export interface OverviewFacts {
  instruments: InstrumentOverviewRow[];
  keyValues: KeyValueRow[];
  quicklooks: NewestQuicklookRow[];
  components: { kind: string; pid: number; host: string; lastBeatAt: Date }[];
  readAt: Date;
}

export async function loadOverviewFacts(db: Database): Promise<OverviewFacts> {
  const readAt = new Date();
  const instruments = await listInstrumentOverview(db);
  const [keyValues, quicklooks, components] = await Promise.all([
    listLatestKeyValues(db, instruments.map((i) => ({ instrumentId: i.id, choices: keyVariableChoices(i) }))),
    listNewestQuicklooks(db),
    listLiveComponents(db, 120),
  ]);
  return { instruments, keyValues, quicklooks, components, readAt };
}

/**
 * The key variable lists to try, in order: the instrument's own (from the config), then its kind's. The query
 * shows the first one the instrument has any of; with neither, its first few scalar variables stand in.
 */
export function keyVariableChoices(instrument: { kind: string; keyVariables: string[] | null }): string[][] {
  const kindNames = instrumentKind(instrument.kind)?.keyVariables?.slice(0, 4) ?? [];
  return [instrument.keyVariables ?? [], kindNames].filter((names) => names.length > 0);
}

/** Groups by site (in the order the query sorted them) and judges each feed's state at `now`. */
export function groupOverview(facts: OverviewFacts, now: Date): OverviewSite[] {
  const valuesBy = new Map<string, KeyValueRow[]>();
  for (const v of facts.keyValues) valuesBy.set(v.instrumentId, [...(valuesBy.get(v.instrumentId) ?? []), v]);
  const quicklookBy = new Map(facts.quicklooks.map((q) => [q.instrumentId, q]));
  const sites = new Map<string, OverviewSite>();
  for (const inst of facts.instruments) {
    const site = sites.get(inst.siteId) ?? { siteId: inst.siteId, siteName: inst.siteName, instruments: [] };
    site.instruments.push({
      ...inst,
      state: feedState(inst, now),
      live: inst.kind === LIVE_KIND,
      keyValues: valuesBy.get(inst.id) ?? [],
      quicklook: quicklookBy.get(inst.id) ?? null,
    });
    sites.set(inst.siteId, site);
  }
  return [...sites.values()];
}
