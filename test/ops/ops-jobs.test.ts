// The three operations queues on real pg-boss, as a worker runs them: health-collect observes a live
// instrument that never delivered, alerts-evaluate turns that into a NO DATA alert and asks for an
// outbox-send, which mails it to a real SMTP server on loopback. And every one of them is scheduled.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { PgBoss } from 'pg-boss';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { syncConfigToDatabase } from '../../db/queries/config-sync';
import { configSchema } from '../../lib/config/schema';
import { alertsEvaluate } from '../../workers/jobs/alerts-evaluate';
import { healthCollect } from '../../workers/jobs/health-collect';
import { outboxSend } from '../../workers/jobs/outbox-send';
import { queues, type QueueDefinition } from '../../workers/queues';
import { runJob, type JobHandler } from '../../workers/run-job';
import { desiredSchedules } from '../../workers/schedules';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { SmtpTestServer } from '../email/smtp-test-server';

let t: TestDatabase;
let smtp: SmtpTestServer;
let boss: PgBoss;
let dataDir: string;
const abort = new AbortController();
const config = configSchema.parse({
  campaign: { name: 'Jobs' }, sites: [{ id: 'mobile', name: 'Mobile' }],
  instruments: [{ id: 'van1', site: 'mobile', kind: 'campbell-dataquery', expectedInterval: '1s', logger: { url: 'http://127.0.0.1:1', table: 'Public' } }],
  alerts: { email: { from: 'fieldops@example.org', to: ['ops@example.org'] },
    rules: [{ name: 'feed-stale', metric: 'feed_age_seconds', match: { instrument: 'van1' }, above: 30, for: '30s', severity: 'critical' }] },
});

async function work<Q extends QueueDefinition>(queue: Q, handler: JobHandler<Q>): Promise<void> {
  await boss.createQueue(queue.name, { ...queue.options, policy: queue.policy });
  await boss.work(queue.name, { pollingIntervalSeconds: 0.5 }, async (jobs) => {
    for (const job of jobs) {
      await runJob(queue, job, handler, { db: t.db, log: pino({ level: 'silent' }), workerId: 'test-worker', signal: abort.signal, config, dataDir, boss });
    }
  });
}

beforeAll(async () => {
  smtp = await SmtpTestServer.start();
  // The outbox-send job reads SMTP_URL through lib/env.ts, which reads the environment once, on first use.
  process.env.SMTP_URL = smtp.url;
  t = await createTestDatabase();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldops-ops-jobs-'));
  await syncConfigToDatabase(t.db, config);
  boss = new PgBoss({ connectionString: t.url, max: 3 });
  boss.on('error', () => {});
  await boss.start();
  await work(queues.healthCollect, healthCollect);
  await work(queues.alertsEvaluate, alertsEvaluate);
  await work(queues.outboxSend, outboxSend);
});

afterAll(async () => {
  abort.abort();
  await boss?.stop({ graceful: true, timeout: 10_000 });
  await smtp?.stop();
  await t?.drop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('operations jobs', () => {
  it('collect, evaluate and mail through pg-boss', async () => {
    await boss.send(queues.healthCollect.name, {});
    await vi.waitFor(async () => {
      const rows = await t.db.execute(sql`SELECT 1 FROM health_snapshots WHERE metric = 'feed_age_seconds' AND component = 'feed:van1' AND value IS NULL`);
      expect(rows.rows).toHaveLength(1);
    }, { timeout: 20_000, interval: 100 });
    await boss.send(queues.alertsEvaluate.name, {});
    await vi.waitFor(() => expect(smtp.received).toHaveLength(1), { timeout: 20_000, interval: 100 });
    expect(smtp.received[0]!.subject).toBe('[fieldops Jobs] NO DATA critical feed-stale: van1 has never reported');
    await vi.waitFor(async () => {
      const runs = await t.db.execute<{ queue: string; outcome: string }>(sql`SELECT queue, outcome FROM job_runs ORDER BY id`);
      expect(runs.rows).toEqual([
        { queue: 'health-collect', outcome: 'succeeded' }, { queue: 'alerts-evaluate', outcome: 'succeeded' }, { queue: 'outbox-send', outcome: 'succeeded' },
      ]);
    }, { timeout: 10_000, interval: 100 });
  });

  it('are scheduled every minute', () => {
    const schedules = desiredSchedules(config).filter((s) => ['health-collect', 'alerts-evaluate', 'outbox-send'].includes(s.queue));
    expect(schedules.map((s) => `${s.queue} ${s.cron}`)).toEqual(['health-collect * * * * *', 'alerts-evaluate * * * * *', 'outbox-send * * * * *']);
  });
});
