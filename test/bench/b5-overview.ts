// B5 overview: `/` with 50 instruments (45 at a 1-min cadence with 30 days of data, 5 at 1 Hz with 2 days)
// under 20 concurrent clients (autocannon, 10 s) against the production server, requests/s and p99 latency,
// next to `/api/healthz` in the same run. `/` is the cached overview behind the proxy's session check
// (proxy.ts, app/overview/[scope]/page.tsx), so the run measures that check plus serving the cached page, with
// a rendering every 5 s; it also prints what one rendering's reads cost. Target: p99 <= 250 ms.
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import { createDatabase, type Database } from '../../db/client';
import { syncConfigToDatabase } from '../../db/queries/config-sync';
import { createUser } from '../../lib/auth/accounts';
import { configSchema } from '../../lib/config/schema';
import { loadOverviewFacts } from '../../lib/overview/load';
import { computeWindowStats } from '../../lib/overview/window-stats';
import { signInOverHttp } from '../helpers/auth';
import { seedQuicklook, seedSeries } from '../helpers/overview-data';
import { createScratchDatabase } from '../helpers/scratch-database';
import { startWebServer } from '../helpers/web-server';
import type { BenchResult } from './report';

const SITES = 5;
const MINUTE_INSTRUMENTS = 45;
const HERTZ_INSTRUMENTS = 5;
const MINUTE_DAYS = 30;
const HERTZ_DAYS = 2;
const CONNECTIONS = 20;
const DURATION_S = 10;
const PASSWORD = 'bench viewer password';

function benchConfig() {
  const instruments = [
    ...Array.from({ length: MINUTE_INSTRUMENTS }, (_, i) => ({
      id: `met${String(i).padStart(2, '0')}`, site: `site${i % SITES}`, kind: 'campbell-toa5', expectedInterval: '60s',
      source: { path: `/srv/met${i}` },
    })),
    ...Array.from({ length: HERTZ_INSTRUMENTS }, (_, i) => ({
      id: `fast${i}`, site: `site${i % SITES}`, kind: 'campbell-toa5', expectedInterval: '1s', source: { path: `/srv/fast${i}` },
    })),
  ];
  return configSchema.parse({
    campaign: { name: 'B5' },
    sites: Array.from({ length: SITES }, (_, i) => ({ id: `site${i}`, name: `Site ${i}` })),
    instruments,
  });
}

async function seed(db: Database, now: number): Promise<{ rows: number }> {
  await syncConfigToDatabase(db, benchConfig());
  const vars = [{ name: 'AirTC', unit: 'degC' }, { name: 'RH', unit: '%' }, { name: 'WS', unit: 'm s-1' }, { name: 'WD', unit: 'deg' }];
  const minuteEnd = Math.floor(now / 60_000) * 60_000;
  const secondEnd = Math.floor(now / 1000) * 1000;
  for (let i = 0; i < MINUTE_INSTRUMENTS; i++) {
    const id = `met${String(i).padStart(2, '0')}`;
    // A few instruments with holes today, so gap counting has work.
    const holes: [number, number][] = i % 5 === 0 ? [[minuteEnd - 3 * 3600_000, minuteEnd - 2 * 3600_000]] : [];
    await seedSeries(db, { instrumentId: id, variables: vars, fromMs: minuteEnd - MINUTE_DAYS * 86_400_000, toMs: minuteEnd, stepSeconds: 60, holes });
    for (let d = 0; d < 3; d++) {
      const day = new Date(minuteEnd - d * 86_400_000).toISOString().slice(0, 10);
      await seedQuicklook(db, id, day, 'timeseries', `products/quicklooks/${id}/${day}/${id}_${day}_timeseries.png`);
    }
    process.stdout.write(`  seeded ${id}\r`);
  }
  for (let i = 0; i < HERTZ_INSTRUMENTS; i++) {
    await seedSeries(db, { instrumentId: `fast${i}`, variables: vars, fromMs: secondEnd - HERTZ_DAYS * 86_400_000, toMs: secondEnd, stepSeconds: 1,
      holes: [[secondEnd - 600_000, secondEnd - 590_000]] });
    process.stdout.write(`  seeded fast${i}\r`);
  }
  // What autovacuum would have done to month-old data: visibility map (index-only scans) and statistics.
  await db.execute(sql`VACUUM ANALYZE observations`);
  await db.execute(sql`VACUUM ANALYZE quicklooks`);
  const count = await db.execute<{ n: string }>(sql`SELECT count(*) AS n FROM observations`);
  return { rows: Number(count.rows[0]!.n) };
}

async function cannon(url: string, headers: Record<string, string>): Promise<autocannon.Result> {
  return autocannon({ url, connections: CONNECTIONS, duration: DURATION_S, headers });
}

export async function benchOverview(adminUrl: string): Promise<BenchResult[]> {
  const scratch = await createScratchDatabase(adminUrl, { prefix: 'fieldops_bench', migrate: true });
  const db = createDatabase(scratch.url, { max: 4, applicationName: 'fieldops-bench' });
  let web: Awaited<ReturnType<typeof startWebServer>> | null = null;
  try {
    const seedStarted = performance.now();
    const { rows } = await seed(db, Date.now());
    process.stdout.write(`\n  ${rows.toLocaleString('en-US')} observation rows in ${((performance.now() - seedStarted) / 1000).toFixed(0)} s\n`);
    await createUser(db, { email: 'viewer@example.org', role: 'viewer', password: PASSWORD }, { actor: 'system' });

    // The page's reads without the cache, as one visitor would pay for them every time.
    const uncached = performance.now();
    const facts = await loadOverviewFacts(db);
    const factsMs = performance.now() - uncached;
    await computeWindowStats(db, facts.instruments, new Date());
    const statsMs = performance.now() - uncached - factsMs;

    web = await startWebServer({ databaseUrl: scratch.url });
    const { cookie } = await signInOverHttp(web.url, 'viewer@example.org', PASSWORD);
    if (!cookie) throw new Error('B5: could not sign in');
    const first = performance.now();
    const page = await fetch(`${web.url}/`, { headers: { cookie } });
    const html = await page.text();
    const firstMs = performance.now() - first;
    const rowsShown = html.match(/data-instrument="/g)?.length ?? 0;
    if (page.status !== 200 || rowsShown !== MINUTE_INSTRUMENTS + HERTZ_INSTRUMENTS) {
      throw new Error(`B5: / answered ${page.status} with ${rowsShown} instrument rows`);
    }

    const overview = await cannon(`${web.url}/`, { cookie });
    const healthz = await cannon(`${web.url}/api/healthz`, {});
    for (const [name, r] of [['/', overview], ['/api/healthz', healthz]] as const) {
      if (r.non2xx > 0 || r.errors > 0) throw new Error(`B5: ${name}: ${r.non2xx} non-2xx answers, ${r.errors} errors`);
    }
    const load = `${CONNECTIONS} connections x ${DURATION_S} s; ${rows.toLocaleString('en-US')} observation rows, 50 instruments`;
    return [
      {
        name: 'B5 overview', metric: 'requests/s, / (signed in)', value: overview.requests.average, unit: 'req/s',
        baselineName: '/api/healthz', baseline: healthz.requests.average, ratio: overview.requests.average / healthz.requests.average,
        target: '(for reference)', extra: load,
      },
      {
        name: 'B5 overview', metric: 'p99 latency, /', value: overview.latency.p99, unit: 'ms',
        baselineName: '/api/healthz p99', baseline: healthz.latency.p99, ratio: overview.latency.p99 / healthz.latency.p99,
        target: 'p99 <= 250 ms',
        extra: `/ p50 ${overview.latency.p50} ms, max ${overview.latency.max} ms; healthz p50 ${healthz.latency.p50} ms; first (cold) / ${firstMs.toFixed(0)} ms; ` +
          `one rendering's reads: facts ${factsMs.toFixed(0)} ms, 24 h completeness + gaps ${statsMs.toFixed(0)} ms (page cached 5 s, completeness + gaps 60 s)`,
      },
    ];
  } finally {
    await web?.stop();
    await db.$client.end();
    await scratch.drop();
  }
}
