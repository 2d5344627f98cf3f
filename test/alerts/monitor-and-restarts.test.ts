// The two alerts that are not config rules: the health monitor going quiet (one mail, every other alert
// left as it was) and supervisor restarts (one mail per component per hour, however often it crashes).
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { evaluateAlerts } from '../../lib/alerts/evaluate';
import { configSchema } from '../../lib/config/schema';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

let t: TestDatabase;
const T0 = Date.parse('2026-03-01T12:00:00Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000);
const config = configSchema.parse({
  campaign: { name: 'Test' }, sites: [{ id: 'summit', name: 'Summit' }],
  alerts: { email: { from: 'f@example.org', to: ['ops@example.org'] },
    rules: [{ name: 'feed-stale', metric: 'feed_age_seconds', above: 30, severity: 'critical' }] },
});

async function reading(seconds: number, instrument: string, value: number): Promise<void> {
  await t.db.execute(sql`INSERT INTO health_snapshots (time, component, metric, labels, value)
    VALUES (${at(seconds).toISOString()}, ${`feed:${instrument}`}, 'feed_age_seconds', ${JSON.stringify({ instrument, site: 'summit' })}::jsonb, ${value})`);
}

async function outbox() {
  return (await t.db.execute<{ kind: string; subject: string; text_body: string }>(sql`SELECT kind, subject, text_body FROM outbox ORDER BY id`)).rows;
}

beforeAll(async () => {
  t = await createTestDatabase();
});

afterAll(async () => {
  await t?.drop();
});

beforeEach(async () => {
  await t.db.execute(sql`TRUNCATE health_snapshots, alerts, alert_events, outbox, worker_heartbeats RESTART IDENTITY CASCADE`);
});

describe('the health monitor alert', () => {
  it('stays quiet when the first evaluation after a start beats the first collection', async () => {
    await reading(0, 'cl61', 5);
    await evaluateAlerts(t.db, config, at(0));
    await evaluateAlerts(t.db, config, at(36_000));
    await reading(36_030, 'cl61', 5);
    await evaluateAlerts(t.db, config, at(36_060));
    expect(await outbox()).toEqual([]);
  });

  it('fires once when snapshots stop, freezes the other alerts instead of turning them all to no data, and recovers', async () => {
    await reading(0, 'cl61', 5);
    await reading(0, 'asfs', 50);
    await evaluateAlerts(t.db, config, at(0));
    expect((await outbox()).map((m) => m.subject)).toEqual(['[fieldops Test] FIRING critical feed-stale: asfs feed_age_seconds = 50 (above 30)']);
    const down = await evaluateAlerts(t.db, config, at(600));
    expect(down.monitorDown).toBe(true);
    await evaluateAlerts(t.db, config, at(660));
    expect(await outbox()).toHaveLength(1);
    await evaluateAlerts(t.db, config, at(720));
    const mails = await outbox();
    expect(mails).toHaveLength(2);
    expect(mails[1]!.subject).toBe('[fieldops Test] FIRING critical health-monitor: health-collector health_snapshot_age_seconds = 720 (above 180 for 120 s)');
    const states = await t.db.execute<{ rule_name: string; series_key: string; state: string }>(
      sql`SELECT rule_name, series_key, state FROM alerts ORDER BY rule_name, series_key`);
    expect(states.rows.map((r) => `${r.rule_name} ${r.series_key} ${r.state}`)).toEqual([
      'feed-stale component=feed:asfs,instrument=asfs,site=summit firing',
      'feed-stale component=feed:cl61,instrument=cl61,site=summit ok',
      'health-monitor component=health-collector firing',
    ]);
    await reading(780, 'cl61', 5);
    await reading(780, 'asfs', 5);
    await evaluateAlerts(t.db, config, at(780));
    const subjects = (await outbox()).map((m) => m.subject);
    expect(subjects).toHaveLength(3);
    expect(subjects[2]).toBe('[fieldops Test] 2 resolved: health-monitor health-collector, feed-stale asfs');
  });
});

describe('restart mail', () => {
  it('sends one mail per component per hour, listing every restart', async () => {
    const beat = (id: string, startedSeconds: number, restart: number) => t.db.execute(sql`
      INSERT INTO worker_heartbeats (id, kind, host, pid, started_at, last_beat_at, restart_count)
      VALUES (${id}, 'worker', 'obs-1', ${1000 + restart}, ${at(startedSeconds).toISOString()}, ${at(startedSeconds).toISOString()}, ${restart})`);
    await reading(0, 'cl61', 5);
    await beat('obs-1:1000:0', -7200, 0);
    await beat('obs-1:1001:1', 10, 1);
    await evaluateAlerts(t.db, config, at(30));
    await beat('obs-1:1002:2', 40, 2);
    await beat('obs-1:1003:3', 50, 3);
    await reading(60, 'cl61', 5);
    await evaluateAlerts(t.db, config, at(60));
    await evaluateAlerts(t.db, config, at(90));
    const mails = (await outbox()).filter((m) => m.kind === 'restart');
    expect(mails.map((m) => m.subject)).toEqual(['[fieldops Test] RESTARTED worker@obs-1']);
    expect(mails[0]!.text_body).toContain('restart #1, now pid 1001');
  });
});
