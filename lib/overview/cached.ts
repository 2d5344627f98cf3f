// The overview's reads, shared by every visitor of one web process. Freshness, stated on the page too:
// last data, states' inputs, key values and quicklooks are at most FACTS_FRESH_MS old (FACTS_MAX_STALE_MS
// while a refresh is under way); completeness and gap counts at most STATS_FRESH_MS. Twenty visitors then
// cost one set of queries per period instead of twenty, and a 24 h count of a 1 Hz feed runs once a minute.
import 'server-only';
import { getDb } from '../../db/client';
import { freshCache, type FreshCache } from './fresh-cache';
import { loadOverviewFacts, type OverviewFacts } from './load';
import { computeWindowStats, type WindowStats } from './window-stats';

export const FACTS_FRESH_MS = 5_000;
const FACTS_MAX_STALE_MS = 15_000;
export const STATS_FRESH_MS = 60_000;
const STATS_MAX_STALE_MS = 10 * 60_000;

interface OverviewCaches {
  facts: FreshCache<OverviewFacts>;
  stats: FreshCache<Map<string, WindowStats>>;
}

const globalForOverview = globalThis as unknown as { fieldopsOverview?: OverviewCaches };

function caches(): OverviewCaches {
  if (!globalForOverview.fieldopsOverview) {
    const facts = freshCache(() => loadOverviewFacts(getDb()), { freshMs: FACTS_FRESH_MS, maxStaleMs: FACTS_MAX_STALE_MS });
    const stats = freshCache(async () => computeWindowStats(getDb(), (await facts.get()).instruments, new Date()),
      { freshMs: STATS_FRESH_MS, maxStaleMs: STATS_MAX_STALE_MS });
    globalForOverview.fieldopsOverview = { facts, stats };
  }
  return globalForOverview.fieldopsOverview;
}

export function getOverviewFacts(): Promise<OverviewFacts> {
  return caches().facts.get();
}

export function getOverviewStats(): Promise<Map<string, WindowStats>> {
  return caches().stats.get();
}
