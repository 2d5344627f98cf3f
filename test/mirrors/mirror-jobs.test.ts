// The mirror jobs in their worker wiring: payload → domain code → job_runs row; the schedules the config asks
// for; and the daily report landing in the outbox.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { Job } from 'pg-boss';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobRuns, mirrorAudits, outbox } from '../../db/schema';
import type { FieldopsConfig } from '../../lib/config/schema';
import { mirrorSync } from '../../workers/jobs/mirror-sync';
import { mirrorVerify } from '../../workers/jobs/mirror-verify';
import { reportEmail } from '../../workers/jobs/report-email';
import { queues } from '../../workers/queues';
import { runJob, type JobContext } from '../../workers/run-job';
import { desiredSchedules } from '../../workers/schedules';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { mirrorCampaign, writeStore } from '../helpers/mirror-fixtures';

let t: TestDatabase;
let tmp: string;
let ctx: JobContext;
let config: FieldopsConfig;
const job = (name: string, data: unknown): Job<unknown> => ({ id: crypto.randomUUID(), name, data } as Job<unknown>);

beforeAll(async () => {
  t = await createTestDatabase();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldops-mirror-jobs-'));
  fs.mkdirSync(path.join(tmp, 'archive'));
  config = await mirrorCampaign(t.db, [
    { id: 'archive', target: { path: path.join(tmp, 'archive') }, schedule: '0 2 * * *' },
    { id: 'usb', target: { path: path.join(tmp, 'unplugged') } },
  ], { reports: { mirrorVerify: { at: '09:30', to: ['ops@example.org', 'pi@example.org'] } } });
  writeStore(path.join(tmp, 'data'), { 'raw/cl61/a.nc': 'a', 'raw/asfs/b.dat': 'b' });
  ctx = { db: t.db, log: pino({ level: 'silent' }), workerId: 'test-worker', signal: new AbortController().signal, config, dataDir: path.join(tmp, 'data') };
});
afterAll(async () => {
  await t?.drop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('mirror jobs', () => {
  it('are scheduled as the config asks: each mirror with a schedule, the audit pruning daily, and the report at its time', () => {
    const mirrorSchedules = desiredSchedules(config).filter((s) => s.queue.startsWith('mirror') || s.queue === 'report-email');
    expect(mirrorSchedules).toEqual([
      { queue: 'mirror-sync', key: 'archive', cron: '0 2 * * *', data: { mirrorId: 'archive' } },
      { queue: 'mirror-audits-prune', key: 'default', cron: '40 3 * * *', data: {} },
      { queue: 'report-email', key: 'mirror-verify', cron: '30 9 * * *', data: { report: 'mirror-verify' } },
    ]);
  });

  it('mirror-sync copies and records its counts; an unknown mirror or an unplugged disk fails the job with the reason', async () => {
    await runJob(queues.mirrorSync, job('mirror-sync', { mirrorId: 'archive' }), mirrorSync, ctx);
    expect(fs.readFileSync(path.join(tmp, 'archive/raw/cl61/a.nc'), 'utf8')).toBe('a');
    await expect(runJob(queues.mirrorSync, job('mirror-sync', { mirrorId: 'ghost' }), mirrorSync, ctx)).rejects.toThrow("no mirror 'ghost' in the config; there are: archive, usb");
    await expect(runJob(queues.mirrorSync, job('mirror-sync', { mirrorId: 'usb' }), mirrorSync, ctx)).rejects.toThrow('does not exist (is the disk mounted?)');
    const runs = await t.db.select().from(jobRuns).where(eq(jobRuns.queue, 'mirror-sync')).orderBy(jobRuns.id);
    expect(runs.map((r) => r.outcome)).toEqual(['succeeded', 'failed', 'failed']);
    expect(runs[0]!.counts).toMatchObject({ copiedNew: 2, errors: 0 });
  });

  it('mirror-verify audits every hop and fails when one could not be verified', async () => {
    await expect(runJob(queues.mirrorVerify, job('mirror-verify', {}), mirrorVerify, ctx)).rejects.toThrow(/mirror verification failed for usb: .*unplugged does not exist/);
    const audits = await t.db.select().from(mirrorAudits).orderBy(mirrorAudits.id);
    expect(audits.map((a) => [a.mirrorId, a.outcome])).toEqual([['archive', 'ok'], ['usb', 'failed']]);
    await runJob(queues.mirrorVerify, job('mirror-verify', { mirrorId: 'archive' }), mirrorVerify, ctx);
  });

  it('report-email verifies and queues the report for the configured recipients', async () => {
    await runJob(queues.reportEmail, job('report-email', { report: 'mirror-verify' }), reportEmail, ctx);
    const [mail] = await t.db.select().from(outbox);
    expect(mail).toMatchObject({ kind: 'report', toAddresses: ['ops@example.org', 'pi@example.org'], state: 'pending' });
    expect(mail!.textBody).toMatch(/== archive: .* \(compared by basename\)\n0 missing on the target/);
    expect(mail!.attachments).toEqual([{ filename: expect.stringMatching(/^mirror-verify-\d{4}-\d{2}-\d{2}-\d+\.csv$/), contentType: 'text/csv', path: expect.any(String) }]);
    const [run] = await t.db.select().from(jobRuns).where(eq(jobRuns.queue, 'report-email'));
    expect(run).toMatchObject({ outcome: 'succeeded', counts: { queued: 1, hops: 2, failed: 1, missing: 0 } });
  });
});
