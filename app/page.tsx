// Home: every instrument of the campaign, grouped by site, with its feed state (dead-man's switch), last data,
// 24 h completeness, today's gaps, latest key values and newest quicklook; then the processes keeping it
// running. Reads come from a per-process cache (lib/overview/cached.ts) whose freshness the page states.
import { requireUser } from '@/lib/auth/session';
import { FACTS_FRESH_MS, getOverviewFacts, getOverviewStats, STATS_FRESH_MS } from '@/lib/overview/cached';
import { groupOverview } from '@/lib/overview/load';
import { SiteTable } from './_components/overview/site-table';
import { StateSummary } from './_components/overview/state-summary';
import styles from './_components/overview/overview.module.css';

export const dynamic = 'force-dynamic';

export default async function HomePage() {
  await requireUser('viewer', '/');
  const [facts, stats] = await Promise.all([getOverviewFacts(), getOverviewStats()]);
  const now = new Date();
  const sites = groupOverview(facts, now);
  const count = sites.reduce((n, s) => n + s.instruments.length, 0);

  return (
    <>
      <h1>Instruments</h1>
      <p className="subtitle">{count} instruments at {sites.length} sites</p>
      <StateSummary sites={sites} />
      {sites.map((site) => <SiteTable key={site.siteId} site={site} stats={stats} now={now} />)}
      <p className={styles.freshness}>
        Data times and values at most {FACTS_FRESH_MS / 1000} s old; completeness and gaps at most {STATS_FRESH_MS / 1000} s old.
      </p>
      <p className="components" data-testid="components">
        Running: {facts.components.length === 0 ? 'no live components' : facts.components.map((c) => `${c.kind} (pid ${c.pid} on ${c.host}, beat ${Math.round((now.getTime() - c.lastBeatAt.getTime()) / 1000)} s ago)`).join(' · ')}
      </p>
    </>
  );
}
