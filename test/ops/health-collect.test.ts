// The health collector on a real database, pg-boss schema and data folder: what it reads (components, queues,
// feeds, disks, database size, mirror lag), where it writes (health_snapshots and the day's JSONL file), and
// its singleton lease: busy when another collector holds it, fenced when it lost it mid-run.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { PgBoss } from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncConfigToDatabase } from '../../db/queries/config-sync';
import { acquireLease } from '../../db/queries/leases';
import { configSchema } from '../../lib/config/schema';
import { collectHealth, HEALTH_LEASE } from '../../lib/ops/health/collect';
import { snapshotFilePath } from '../../lib/ops/snapshot-file';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

let t: TestDatabase;
let dataDir: string;
const now = new Date();
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000).toISOString();

function makeConfig() {
  return configSchema.parse({
    campaign: { name: 'Test' }, sites: [{ id: 'summit', name: 'Summit' }],
    instruments: [
      { id: 'cl61', site: 'summit', kind: 'vaisala-cl61', expectedInterval: '60s', source: { path: path.join(dataDir, 'src', 'cl61') } },
      { id: 'asfs', site: 'summit', kind: 'campbell-toa5', source: { path: path.join(dataDir, 'src', 'asfs') } },
      { id: 'van1', site: 'summit', kind: 'campbell-dataquery', expectedInterval: '1s', logger: { url: 'http://127.0.0.1:1', table: 'Public' } },
    ],
    mirrors: [{ id: 'archive', target: { path: path.join(dataDir, 'mirror') } }],
  });
}

async function readings(): Promise<Map<string, number | null>> {
  const rows = await t.db.execute<{ component: string; metric: string; value: number | null }>(sql`SELECT component, metric, value FROM health_snapshots`);
  return new Map(rows.rows.map((r) => [`${r.metric} ${r.component}`, r.value === null ? null : Number(r.value)]));
}

beforeAll(async () => {
  t = await createTestDatabase();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldops-health-'));
  fs.mkdirSync(path.join(dataDir, 'src', 'cl61'), { recursive: true });
  await syncConfigToDatabase(t.db, makeConfig());
  await t.db.execute(sql`UPDATE instruments SET paused = true WHERE id = 'asfs'`);
  // cl61 delivered every other minute of its completeness window (60 expected → 30 present → 50 %).
  const stream = await t.db.execute<{ id: number }>(sql`INSERT INTO streams (instrument_id, name) VALUES ('cl61', 'main') RETURNING id`);
  const variable = await t.db.execute<{ id: number }>(sql`INSERT INTO variables (stream_id, name) VALUES (${stream.rows[0]!.id}, 'beta') RETURNING id`);
  for (let minute = 0; minute < 60; minute += 2) {
    await t.db.execute(sql`INSERT INTO observations (time, stream_id, variable_id, value) VALUES (${ago(120 + minute * 60 + 30)}, ${stream.rows[0]!.id}, ${variable.rows[0]!.id}, 1)`);
  }
  await t.db.execute(sql`INSERT INTO worker_heartbeats (id, kind, host, pid, started_at, last_beat_at, restart_count) VALUES
    ('h1:10:1', 'worker', 'h1', 10, ${ago(7200)}, ${ago(3600)}, 0),
    ('h1:11:2', 'worker', 'h1', 11, ${ago(600)}, ${ago(5)}, 1),
    ('h2:12:3', 'web', 'h2', 12, ${ago(600)}, ${ago(95)}, 0)`);
  await t.db.execute(sql`INSERT INTO mirror_runs (mirror_id, started_at, finished_at, outcome) VALUES ('archive', ${ago(700)}, ${ago(600)}, 'succeeded')`);
  const boss = new PgBoss({ connectionString: t.url, max: 2 });
  boss.on('error', () => {});
  await boss.start();
  await boss.createQueue('append');
  await boss.send('append', { fileId: 1 });
  await boss.send('append', { fileId: 2 });
  await boss.stop({ graceful: false });
});

afterAll(async () => {
  await t?.drop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('collectHealth', () => {
  it('records components, queues, feeds, disks, database size and mirror lag, compact and raw', async () => {
    const outcome = await collectHealth({ db: t.db, config: makeConfig(), dataDir, holder: 'test-a', now: () => now });
    expect(outcome).toMatchObject({ status: 'written', errors: 0 });
    const r = await readings();
    // The crashed first worker on h1 does not count against it: its restarted successor beats.
    expect(r.get('component_heartbeat_age_seconds worker@h1')).toBe(5);
    expect(r.get('component_restart_count worker@h1')).toBe(1);
    expect(r.get('component_heartbeat_age_seconds web@h2')).toBe(95);
    expect(r.get('queue_depth queue:append')).toBe(2);
    expect(r.get('queue_failed queue:append')).toBe(0);
    expect(r.get('feed_completeness_percent feed:cl61')).toBe(50);
    expect(r.get('feed_age_seconds feed:cl61')).toBe(150);
    // Never delivered: a null age and completeness (no data), not a healthy zero. Paused: not reported at all.
    expect(r.has('feed_age_seconds feed:van1')).toBe(true);
    expect(r.get('feed_age_seconds feed:van1')).toBeNull();
    expect(r.has('feed_completeness_percent feed:van1')).toBe(true);
    expect(r.get('feed_completeness_percent feed:van1')).toBeNull();
    expect(r.has('feed_age_seconds feed:asfs')).toBe(false);
    expect(r.get('mirror_lag_seconds mirror:archive')).toBe(600);
    expect(r.get('database_size_bytes database')).toBeGreaterThan(1_000_000);
    expect(r.get(`disk_used_percent disk:${dataDir}`)).toBeGreaterThan(0);
    const lines = fs.readFileSync(snapshotFilePath(dataDir, now), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(1);
    expect(path.relative(dataDir, snapshotFilePath(dataDir, now))).toMatch(/^raw\/ops_monitor\/\d{8}\.jsonl$/);
    expect(lines[0]).toMatchObject({ time: now.toISOString(), holder: 'test-a', token: 1 });
    expect(lines[0].components).toEqual(expect.arrayContaining([expect.objectContaining({ pid: 11, host: 'h1', restartCount: 1 })]));
    // A missing folder (the asfs source was never created) is reported raw, not as a reading.
    expect(lines[0].disks).toEqual(expect.arrayContaining([expect.objectContaining({ path: path.join(dataDir, 'src', 'asfs'), error: expect.any(String) })]));
  });

  it('skips a run while another collector holds the lease', async () => {
    const other = await acquireLease(t.db, HEALTH_LEASE, 'someone-else', 60);
    expect(other).not.toBeNull();
    expect(await collectHealth({ db: t.db, config: makeConfig(), dataDir, holder: 'test-b' })).toEqual({ status: 'busy' });
    await t.db.execute(sql`UPDATE leases SET expires_at = now() WHERE name = ${HEALTH_LEASE}`);
  });

  it('writes nothing when its lease was taken over while it was stalled before writing', async () => {
    const before = (await t.db.execute(sql`SELECT count(*)::int AS n FROM health_snapshots`)).rows[0];
    const later = new Date(now.getTime() + 60_000);
    const outcome = await collectHealth({
      db: t.db, config: makeConfig(), dataDir, holder: 'stalled', now: () => later,
      beforeWrite: async () => {
        // What a SIGSTOP past the TTL looks like from the database: the lease expired and someone took it.
        await t.db.execute(sql`UPDATE leases SET expires_at = now() - interval '1 second' WHERE name = ${HEALTH_LEASE}`);
        expect(await acquireLease(t.db, HEALTH_LEASE, 'replacement', 60)).not.toBeNull();
      },
    });
    expect(outcome).toMatchObject({ status: 'fenced' });
    expect((await t.db.execute(sql`SELECT count(*)::int AS n FROM health_snapshots`)).rows[0]).toEqual(before);
    expect(fs.readFileSync(snapshotFilePath(dataDir, now), 'utf8').trim().split('\n')).toHaveLength(1);
  });
});
