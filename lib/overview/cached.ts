// The overview's slow read, shared by every rendering in one web process: 24 h completeness and today's gap
// counts (a 24 h count of a 1 Hz feed) are recomputed at most once per STATS_FRESH_MS, and the page says so.
// The rest of the overview (last data, states, values, quicklooks) is read fresh by each rendering; the
// cached overview page (app/overview/[scope]/page.tsx) is what keeps renderings rare.
import 'server-only';
import { getDb } from '../../db/client';
import type { InstrumentOverviewRow } from '../../db/queries/overview';
import { freshCache, type FreshCache } from './fresh-cache';
import { computeWindowStats, type WindowStats } from './window-stats';

export const STATS_FRESH_MS = 60_000;
const STATS_MAX_STALE_MS = 10 * 60_000;

interface StatsCache {
  cache: FreshCache<Map<string, WindowStats>>;
  /** The instruments the next refresh counts: those of the latest rendering. */
  instruments: InstrumentOverviewRow[];
}

const globalForOverview = globalThis as unknown as { fieldopsOverviewStats?: StatsCache };

function statsCache(): StatsCache {
  if (!globalForOverview.fieldopsOverviewStats) {
    const holder: StatsCache = {
      instruments: [],
      cache: freshCache(() => computeWindowStats(getDb(), holder.instruments, new Date()),
        { freshMs: STATS_FRESH_MS, maxStaleMs: STATS_MAX_STALE_MS }),
    };
    globalForOverview.fieldopsOverviewStats = holder;
  }
  return globalForOverview.fieldopsOverviewStats;
}

/** Completeness and gaps of `instruments`; an instrument added since the last refresh has none until the next. */
export function getOverviewStats(instruments: InstrumentOverviewRow[]): Promise<Map<string, WindowStats>> {
  const holder = statsCache();
  holder.instruments = instruments;
  return holder.cache.get();
}
