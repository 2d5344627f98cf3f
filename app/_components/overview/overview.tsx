// The overview: every instrument of the campaign, grouped by site, with its feed state (dead-man's switch),
// last data, 24 h completeness, today's gaps, latest key values and newest quicklook; then the processes
// keeping it running. No access check here: the pages that render it do that (app/page.tsx itself, and the
// proxy for the cached rendering in app/overview/[scope]/page.tsx).
import { getDb } from '@/db/client';
import { getOverviewStats, STATS_FRESH_MS } from '@/lib/overview/cached';
import { groupOverview, loadOverviewFacts } from '@/lib/overview/load';
import { SiteTable } from './site-table';
import { StateSummary } from './state-summary';
import styles from './overview.module.css';

export async function Overview({ cachedForSeconds }: { cachedForSeconds: number | null }) {
  const facts = await loadOverviewFacts(getDb());
  const stats = await getOverviewStats(facts.instruments);
  const now = facts.readAt;
  const sites = groupOverview(facts, now);
  const count = sites.reduce((n, s) => n + s.instruments.length, 0);

  return (
    <>
      <h1>Instruments</h1>
      <p className="subtitle">{count} instruments at {sites.length} sites</p>
      <StateSummary sites={sites} />
      {sites.map((site) => <SiteTable key={site.siteId} site={site} stats={stats} now={now} />)}
      <p className={styles.freshness} data-testid="overview-freshness">
        As of <time dateTime={now.toISOString()}>{now.toISOString().slice(11, 19)} UTC</time>
        {cachedForSeconds ? `; this page is rebuilt at most every ${cachedForSeconds} s` : ''}; completeness and gaps at
        most {STATS_FRESH_MS / 1000} s older.
      </p>
      <p className="components" data-testid="components">
        Running: {facts.components.length === 0 ? 'no live components' : facts.components.map((c) => `${c.kind} (pid ${c.pid} on ${c.host}, beat ${Math.round((now.getTime() - c.lastBeatAt.getTime()) / 1000)} s ago)`).join(' · ')}
      </p>
    </>
  );
}
