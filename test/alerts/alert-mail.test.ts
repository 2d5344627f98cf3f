// Alerts end to end on a real database and a real SMTP server on loopback: readings go into
// health_snapshots, evaluateAlerts steps the rules at an injected time, the outbox sender delivers. Time
// moves by changing `now`, so `for: 30s` and hourly reminders take no waiting.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSilence, expireSilence } from '../../db/queries/alerts';
import { evaluateAlerts } from '../../lib/alerts/evaluate';
import { configSchema, type FieldopsConfig } from '../../lib/config/schema';
import { sendDueOutbox } from '../../lib/email/sender';
import { createSmtpTransport } from '../../lib/email/transport';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { SmtpTestServer } from '../email/smtp-test-server';

let t: TestDatabase;
let smtp: SmtpTestServer;
const T0 = Date.parse('2026-03-01T12:00:00Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000);

function config(rules: unknown[]): FieldopsConfig {
  return configSchema.parse({
    campaign: { name: 'Test' }, sites: [{ id: 'mobile', name: 'Mobile' }, { id: 'summit', name: 'Summit' }],
    alerts: { email: { from: 'fieldops@example.org', to: ['ops@example.org'] }, rules },
  });
}

const feedStale = { name: 'feed-stale', metric: 'feed_age_seconds', match: { instrument: 'van1' }, above: 30, for: '30s', severity: 'critical', reminderEvery: '1h' };

/** What the collector would write at `seconds`: the feed's age (unless null: it stopped reporting) and a heartbeat. */
async function collect(seconds: number, feeds: Record<string, number | null>): Promise<void> {
  for (const [instrument, value] of Object.entries(feeds)) {
    if (value === null) continue;
    const site = instrument === 'van1' ? 'mobile' : 'summit';
    await t.db.execute(sql`INSERT INTO health_snapshots (time, component, metric, labels, value)
      VALUES (${at(seconds).toISOString()}, ${`feed:${instrument}`}, 'feed_age_seconds', ${JSON.stringify({ instrument, site })}::jsonb, ${value})`);
  }
  await t.db.execute(sql`INSERT INTO health_snapshots (time, component, metric, labels, value)
    VALUES (${at(seconds).toISOString()}, 'database', 'database_size_bytes', '{}'::jsonb, 1000)`);
}

async function step(seconds: number, feeds: Record<string, number | null>, cfg = config([feedStale])) {
  await collect(seconds, feeds);
  const summary = await evaluateAlerts(t.db, cfg, at(seconds));
  const transport = createSmtpTransport(smtp.url, { timeoutMs: 5000 });
  try {
    await sendDueOutbox({ db: t.db, transport, from: 'fieldops@example.org', now: () => at(seconds) });
  } finally {
    transport.close();
  }
  return summary;
}

async function alertState(rule = 'feed-stale'): Promise<string | undefined> {
  const r = await t.db.execute<{ state: string }>(sql`SELECT state FROM alerts WHERE rule_name = ${rule} ORDER BY id LIMIT 1`);
  return r.rows[0]?.state;
}

beforeAll(async () => {
  t = await createTestDatabase();
  smtp = await SmtpTestServer.start();
});

afterAll(async () => {
  await smtp?.stop();
  await t?.drop();
});

beforeEach(async () => {
  smtp.received.length = 0;
  await t.db.execute(sql`TRUNCATE health_snapshots, alerts, alert_events, silences, outbox, worker_heartbeats RESTART IDENTITY CASCADE`);
});

describe('an alert rule with for: 30s and hourly reminders', () => {
  it('fires after its for-duration, reminds an hour later, and resolves with a recovery mail', async () => {
    await step(0, { van1: 5 });
    await step(60, { van1: 45 });
    expect(await alertState()).toBe('pending');
    expect(smtp.received).toHaveLength(0);
    await step(90, { van1: 75 });
    expect(await alertState()).toBe('firing');
    expect(smtp.received.map((m) => m.subject)).toEqual(['[fieldops Test] FIRING critical feed-stale: van1 feed_age_seconds = 75 (above 30 for 30 s)']);
    expect(smtp.received[0]).toMatchObject({ from: 'fieldops@example.org', to: ['ops@example.org'] });
    await step(150, { van1: 135 });
    await step(1800, { van1: 1785 });
    expect(smtp.received).toHaveLength(1);
    await step(3690, { van1: 3675 });
    expect(smtp.received.at(-1)!.subject).toMatch(/^\[fieldops Test\] STILL FIRING critical feed-stale: van1/);
    await step(3750, { van1: 2 });
    expect(await alertState()).toBe('resolved');
    expect(smtp.received.map((m) => m.subject.split(' ')[2])).toEqual(['FIRING', 'STILL', 'RESOLVED']);
    expect(smtp.received.at(-1)!.text).toMatch(/lasted: +61 min/);
    const events = await t.db.execute<{ from_state: string; to_state: string }>(sql`SELECT from_state, to_state FROM alert_events ORDER BY id`);
    expect(events.rows.map((e) => `${e.from_state}>${e.to_state}`)).toEqual(['ok>pending', 'pending>firing', 'firing>resolved']);
  });

  it('is muted by a matching silence, and announced when the silence ends while it still fires', async () => {
    const silence = await createSilence(t.db, { matcher: { instrument: 'van1' }, startsAt: at(0), endsAt: at(3600), createdBy: 'ana@example.org', reason: 'van in the garage' });
    await step(0, { van1: 45 });
    await step(30, { van1: 75 });
    await step(90, { van1: 135 });
    expect(await alertState()).toBe('firing');
    expect(smtp.received).toHaveLength(0);
    const events = await t.db.execute<{ message: string }>(sql`SELECT message FROM alert_events WHERE to_state = 'firing'`);
    expect(events.rows[0]!.message).toContain('muted: silenced by ana@example.org');
    await expireSilence(t.db, silence.id, at(120));
    await step(150, { van1: 195 });
    expect(smtp.received.map((m) => m.subject)).toEqual([expect.stringContaining('FIRING critical feed-stale: van1')]);
  });

  it('treats a feed that stops reporting as no data (alerting), never as resolved', async () => {
    await step(0, { van1: 5 });
    await step(60, { van1: 5 });
    await step(240, { van1: null });
    expect(await alertState()).toBe('nodata');
    expect(smtp.received.map((m) => m.subject)).toEqual([expect.stringMatching(/NO DATA critical feed-stale: van1 has not reported since 2026-03-01T12:01:00/)]);
    await step(600, { van1: null });
    expect(await alertState()).toBe('nodata');
    expect(smtp.received).toHaveLength(1);
  });
});

describe('a site whose link is down', () => {
  it('mutes its instruments and says so in one message', async () => {
    const cfg = config([
      { name: 'summit-link', metric: 'feed_age_seconds', match: { instrument: 'router' }, above: 120, siteDependency: 'link', severity: 'critical' },
      { name: 'summit-feeds', metric: 'feed_age_seconds', match: { site: 'summit' }, above: 60, severity: 'warning' },
    ]);
    await step(0, { router: 5, cl61: 5, asfs: 5 }, cfg);
    await step(300, { router: 300, cl61: 300, asfs: 300 }, cfg);
    expect(await alertState('summit-link')).toBe('firing');
    const states = await t.db.execute<{ state: string }>(sql`SELECT state FROM alerts WHERE rule_name = 'summit-feeds' ORDER BY series_key`);
    expect(states.rows.map((r) => r.state)).toEqual(['firing', 'firing', 'firing']);
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]!.subject).toBe('[fieldops Test] FIRING critical summit-link: site summit link down; 3 alert(s) muted');
    expect(smtp.received[0]!.text).toContain('summit-feeds asfs (firing)');
    expect(smtp.received[0]!.text).toContain('summit-feeds cl61 (firing)');
    expect(smtp.received[0]!.text).toContain('summit-feeds router (firing)');
  });
});

describe('outbox and SMTP', () => {
  it('keeps the mail while the SMTP server is down, retries with backoff, then delivers it once', async () => {
    await smtp.stop();
    try {
      await step(0, { van1: 45 });
      await step(30, { van1: 75 });
      const after = await t.db.execute<{ state: string; attempts: number; last_error: string; next_attempt_at: Date }>(
        sql`SELECT state, attempts, last_error, next_attempt_at FROM outbox`);
      expect(after.rows).toHaveLength(1);
      expect(after.rows[0]).toMatchObject({ state: 'pending', attempts: 1 });
      expect(after.rows[0]!.last_error).toMatch(/ECONNREFUSED|connect/i);
      expect(new Date(after.rows[0]!.next_attempt_at).getTime()).toBe(at(60).getTime());
      // Before the retry time nothing is attempted; after it, still down: the delay doubles.
      await step(45, { van1: 90 });
      await step(60, { van1: 105 });
      const twice = await t.db.execute<{ attempts: number; next_attempt_at: Date }>(sql`SELECT attempts, next_attempt_at FROM outbox`);
      expect(twice.rows[0]).toMatchObject({ attempts: 2 });
      expect(new Date(twice.rows[0]!.next_attempt_at).getTime()).toBe(at(120).getTime());
    } finally {
      await smtp.restart();
    }
    await step(90, { van1: 135 });
    expect(smtp.received).toHaveLength(0);
    await step(120, { van1: 165 });
    expect(smtp.received.map((m) => m.subject)).toEqual([expect.stringContaining('FIRING critical feed-stale: van1 feed_age_seconds = 75')]);
    const sent = await t.db.execute<{ state: string; attempts: number }>(sql`SELECT state, attempts FROM outbox`);
    expect(sent.rows).toEqual([{ state: 'sent', attempts: 3 }]);
  });

  it('stores a notification once however many times an evaluation is repeated', async () => {
    await collect(0, { van1: 45 });
    await evaluateAlerts(t.db, config([{ ...feedStale, for: 0 }]), at(0));
    // A second evaluation at the same instant (a retry, a second worker) finds nothing new to say.
    await t.db.execute(sql`UPDATE alerts SET last_notified_at = NULL`);
    await evaluateAlerts(t.db, config([{ ...feedStale, for: 0 }]), at(0));
    const rows = await t.db.execute(sql`SELECT id FROM outbox`);
    expect(rows.rows).toHaveLength(1);
  });
});
