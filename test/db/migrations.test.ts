// The one migration history applies to an empty database, is idempotent, and leaves the time-series layer in
// the shape the capability module expects: hypertables, compression and continuous aggregates on
// TimescaleDB; plain tables with BRIN indexes and roll-up tables on PostgreSQL. Extra servers listed in
// FIELDOPS_EXTRA_TEST_DATABASE_URLS (e.g. a PostgreSQL 15 or a TimescaleDB) get the same checks.
import { sql } from 'drizzle-orm';
import { describe, expect, inject, it } from 'vitest';
import { createDatabase } from '../../db/client';
import { runMigrations } from '../../db/migrate';
import { detectCapabilities } from '../../db/timeseries/capabilities';
import { createEmptyDatabase, MIGRATIONS } from '../helpers/db';

const servers = [
  { label: 'the run\'s server', url: inject('adminDatabaseUrl') },
  ...(process.env.FIELDOPS_EXTRA_TEST_DATABASE_URLS ?? '').split(',').filter(Boolean).map((url) => ({ label: new URL(url).host, url })),
];

const EXPECTED_TABLES = ['sites', 'instruments', 'streams', 'variables', 'observations', 'profiles', 'files', 'job_runs',
  'worker_heartbeats', 'health_snapshots', 'alerts', 'alert_events', 'silences', 'outbox', 'mirrors', 'mirror_runs',
  'mirror_audits', 'mirror_audit_items', 'quicklooks', 'users', 'api_tokens', 'audit_log'];

describe.each(servers)('migrations on $label', ({ url: adminUrl }) => {
  it('apply to an empty database, then apply nothing the second time', async () => {
    const target = await createEmptyDatabase(adminUrl);
    try {
      const first = await runMigrations(target.url, MIGRATIONS);
      expect(first.applied).toBeGreaterThanOrEqual(5);
      const second = await runMigrations(target.url, MIGRATIONS);
      expect(second.applied).toBe(0);

      const db = createDatabase(target.url, { max: 1 });
      try {
        const tables = await db.execute<{ name: string }>(sql`
          SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'`);
        const names = tables.rows.map((r) => r.name);
        for (const table of EXPECTED_TABLES) expect(names, `table ${table}`).toContain(table);

        const caps = await detectCapabilities(db);
        if (caps.timescaledb) await expectTimescaleLayout(db);
        else await expectPortableLayout(db);
      } finally {
        await db.$client.end();
      }
    } finally {
      await target.drop();
    }
  });

  it('run concurrently from several processes without applying anything twice', async () => {
    const target = await createEmptyDatabase(adminUrl);
    try {
      const results = await Promise.all([1, 2, 3].map(() => runMigrations(target.url, MIGRATIONS)));
      const total = results.reduce((sum, r) => sum + r.applied, 0);
      const db = createDatabase(target.url, { max: 1 });
      const recorded = await db.execute<{ n: string }>(sql`SELECT count(*) AS n FROM drizzle.__drizzle_migrations`);
      await db.$client.end();
      expect(total).toBe(Number(recorded.rows[0]!.n));
    } finally {
      await target.drop();
    }
  });
});

type Db = ReturnType<typeof createDatabase>;

async function expectTimescaleLayout(db: Db): Promise<void> {
  const hypertables = await db.execute<{ hypertable_name: string }>(sql`SELECT hypertable_name FROM timescaledb_information.hypertables`);
  const names = hypertables.rows.map((r) => r.hypertable_name);
  expect(names).toEqual(expect.arrayContaining(['observations', 'profiles', 'health_snapshots']));

  const compression = await db.execute<{ hypertable_name: string; attname: string; segmentby_column_index: number | null; orderby_column_index: number | null }>(sql`
    SELECT hypertable_name, attname, segmentby_column_index, orderby_column_index
    FROM timescaledb_information.compression_settings WHERE hypertable_name IN ('observations', 'profiles')`);
  for (const table of ['observations', 'profiles']) {
    const rows = compression.rows.filter((r) => r.hypertable_name === table);
    expect(rows.filter((r) => r.segmentby_column_index !== null).map((r) => r.attname).sort()).toEqual(['stream_id', 'variable_id']);
    expect(rows.filter((r) => r.orderby_column_index !== null).map((r) => r.attname)).toEqual(['time']);
  }

  const policies = await db.execute<{ hypertable_name: string; proc_name: string }>(sql`
    SELECT hypertable_name, proc_name FROM timescaledb_information.jobs WHERE hypertable_name IS NOT NULL`);
  const compressionPolicies = policies.rows.filter((r) => r.proc_name === 'policy_compression').map((r) => r.hypertable_name);
  expect(compressionPolicies).toEqual(expect.arrayContaining(['observations', 'profiles', 'health_snapshots']));

  const caggs = await db.execute<{ view_name: string }>(sql`SELECT view_name FROM timescaledb_information.continuous_aggregates`);
  expect(caggs.rows.map((r) => r.view_name)).toEqual(expect.arrayContaining(['observations_1m', 'observations_1h']));
}

async function expectPortableLayout(db: Db): Promise<void> {
  const brin = await db.execute<{ tablename: string }>(sql`
    SELECT tablename FROM pg_indexes WHERE schemaname = 'public' AND indexdef ILIKE '%USING brin%'`);
  expect(brin.rows.map((r) => r.tablename)).toEqual(expect.arrayContaining(['observations', 'profiles', 'health_snapshots']));
  const rollups = await db.execute<{ relname: string; relkind: string }>(sql`
    SELECT relname, relkind FROM pg_class WHERE relname IN ('observations_1m', 'observations_1h')`);
  expect(rollups.rows.map((r) => [r.relname, r.relkind]).sort()).toEqual([['observations_1h', 'r'], ['observations_1m', 'r']]);
}
