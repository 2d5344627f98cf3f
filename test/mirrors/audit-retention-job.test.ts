// The mirror-audits-prune job in its worker wiring: scheduled as the config asks; payload → domain code →
// job_runs row with the counts the /ops page shows; a worker shutting down stops it without a failure.
import crypto from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import type { Job } from 'pg-boss';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobRuns, mirrorAudits } from '../../db/schema';
import { configSchema } from '../../lib/config/schema';
import { mirrorAuditsPrune } from '../../workers/jobs/mirror-audits-prune';
import { queues } from '../../workers/queues';
import { runJob, type JobContext } from '../../workers/run-job';
import { desiredSchedules } from '../../workers/schedules';
import { DAY_MS, seedAudits, seedMirrors, type SeedAudit } from '../helpers/mirror-audit-seed';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

const HOUR_MS = 3_600_000;
const config = configSchema.parse({
  campaign: { name: 'Retention' }, sites: [{ id: 'summit', name: 'Summit' }],
  retention: { mirrorAudits: { keepAllDays: 7, keepDailyDays: 10, schedule: '15 4 * * *' } },
});
let t: TestDatabase;
let ctx: JobContext;
const job = (data: unknown): Job<unknown> => ({ id: crypto.randomUUID(), name: queues.mirrorAuditsPrune.name, data } as Job<unknown>);
const auditCount = async () => (await t.db.select({ n: count() }).from(mirrorAudits))[0]!.n;

beforeAll(async () => {
  t = await createTestDatabase();
  ctx = { db: t.db, log: pino({ level: 'silent' }), workerId: 'test-worker', signal: new AbortController().signal, config };
  await seedMirrors(t.db, ['gws']);
  const now = Date.now();
  const nineDaysAgo = new Date(now - 9 * DAY_MS);
  const midnight = Date.UTC(nineDaysAgo.getUTCFullYear(), nineDaysAgo.getUTCMonth(), nineDaysAgo.getUTCDate());
  const audit = (ms: number): SeedAudit => ({ mirrorId: 'gws', startedAt: new Date(ms), outcome: 'ok' });
  await seedAudits(t.db, [
    // 100 beyond every window, two on one day of the daily window, then the 60 newest (the chart's) this week.
    ...Array.from({ length: 100 }, (_, i) => audit(now - 500 * DAY_MS + i * HOUR_MS)),
    audit(midnight + HOUR_MS), audit(midnight + 2 * HOUR_MS),
    ...Array.from({ length: 60 }, (_, i) => audit(now - (60 - i) * HOUR_MS)),
  ]);
});
afterAll(async () => {
  await t?.drop();
});

describe('mirror-audits-prune job', () => {
  it('is scheduled daily at the configured time, whatever the mirrors', () => {
    expect(desiredSchedules(config).filter((s) => s.queue === 'mirror-audits-prune'))
      .toEqual([{ queue: 'mirror-audits-prune', key: 'default', cron: '15 4 * * *', data: {} }]);
  });

  it('stops before its first batch when the worker is shutting down, and that is no failure', async () => {
    const stopping = new AbortController();
    stopping.abort();
    await runJob(queues.mirrorAuditsPrune, job({}), mirrorAuditsPrune, { ...ctx, signal: stopping.signal });
    expect(await auditCount()).toBe(162);
    const [run] = await t.db.select().from(jobRuns).where(eq(jobRuns.queue, 'mirror-audits-prune'));
    expect(run).toMatchObject({ outcome: 'succeeded', counts: { audits: 0, stopped: 1, batches: 0 } });
  });

  it('prunes by the config\'s retention and records the counts; a bad payload fails with the reason', async () => {
    await runJob(queues.mirrorAuditsPrune, job({}), mirrorAuditsPrune, ctx);
    expect(await auditCount()).toBe(61);
    await expect(runJob(queues.mirrorAuditsPrune, job({ days: 3 }), mirrorAuditsPrune, ctx)).rejects.toThrow(/invalid payload: .*days/);
    const runs = await t.db.select().from(jobRuns).where(eq(jobRuns.queue, 'mirror-audits-prune')).orderBy(jobRuns.id);
    expect(runs.map((r) => [r.outcome, r.counts])).toEqual([
      ['succeeded', { audits: 0, items: 0, days: 0, keptOld: 1, batches: 0, stopped: 1 }],
      ['succeeded', { audits: 101, items: 0, days: 202, keptOld: 1, batches: 1, stopped: 0 }],
      ['failed', {}],
    ]);
  });
});
