// The source-sync job handler in its pg-boss wiring: the config from the job context, a job_runs row with
// the counts, and one queued append job per fetched file however often the file is sent.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { PgBoss, type Job } from 'pg-boss';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { files, jobRuns } from '../../db/schema';
import { syncConfigToDatabase } from '../../db/queries/config-sync';
import { configSchema } from '../../lib/config/schema';
import { sourceSync } from '../../workers/jobs/source-sync';
import { allQueues, queues } from '../../workers/queues';
import { runJob, type JobContext } from '../../workers/run-job';
import { applySchedules } from '../../workers/schedules';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { ledgerRows, writeSourceFile } from '../helpers/source-files';

let t: TestDatabase;
let tmp: string;
let boss: PgBoss;
let ctx: JobContext;
const sourceDir = () => path.join(tmp, 'source');

beforeAll(async () => {
  t = await createTestDatabase();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldops-source-sync-job-'));
  const config = configSchema.parse({
    campaign: { name: 'test' },
    sites: [{ id: 'summit', name: 'Summit' }],
    instruments: [
      { id: 'cam1', site: 'summit', kind: 'webcam', source: { path: sourceDir(), pattern: '**/*.jpg', minAge: 0 } },
      { id: 'cam2', site: 'summit', kind: 'webcam', enabled: false, source: { path: sourceDir() } },
    ],
  });
  await syncConfigToDatabase(t.db, config);
  boss = new PgBoss({ connectionString: t.url, max: 2 });
  boss.on('error', () => {});
  await boss.start();
  for (const q of allQueues) await boss.createQueue(q.name, { ...q.options, policy: q.policy });
  ctx = {
    db: t.db, log: pino({ level: 'silent' }), workerId: 'test-worker', signal: new AbortController().signal,
    config, dataDir: path.join(tmp, 'data'), boss,
  };
});
afterAll(async () => {
  await boss?.stop({ graceful: false });
  await t?.drop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const job = (data: unknown): Job<unknown> => ({ id: crypto.randomUUID(), name: queues.sourceSync.name, data } as Job<unknown>);

describe('source-sync job', () => {
  it('syncs the configured instrument, records the run, and queues one append job per fetched file', async () => {
    writeSourceFile(sourceDir(), 'Y2026/M11/D21/a.jpg', 'a', Date.now() - 60_000);
    writeSourceFile(sourceDir(), 'b.jpg', 'b', Date.now() - 60_000);
    await runJob(queues.sourceSync, job({ instrumentId: 'cam1' }), sourceSync, ctx);
    const ids = (await ledgerRows(t.db, 'cam1')).map((r) => r.id);
    expect(ids).toHaveLength(2);

    // A second send of the same files (their append jobs look lost) updates the queued jobs, adds none.
    await t.db.update(files).set({ fetchedAt: sql`now() - interval '1 hour'` });
    await runJob(queues.sourceSync, job({ instrumentId: 'cam1' }), sourceSync, ctx);
    const queued = await boss.findJobs<{ fileId: number }>(queues.append.name, { queued: true });
    expect(queued.map((j) => j.data.fileId).sort()).toEqual([...ids].sort());
    expect(queued.map((j) => j.singletonKey).sort()).toEqual(ids.map(String).sort());

    const runs = await t.db.select().from(jobRuns).where(eq(jobRuns.queue, 'source-sync')).orderBy(jobRuns.id);
    expect(runs.map((r) => [r.instrumentId, r.outcome])).toEqual([['cam1', 'succeeded'], ['cam1', 'succeeded']]);
    expect(runs[0]!.counts).toMatchObject({ listed: 2, new: 2, errors: 0 });
    expect(runs[1]!.counts).toMatchObject({ unchanged: 2, requeued: 2 });
  });

  it('fails (so pg-boss retries) with a clear message for an unknown instrument or an unreachable source', async () => {
    await expect(runJob(queues.sourceSync, job({ instrumentId: 'ghost' }), sourceSync, ctx)).rejects.toThrow("no instrument 'ghost' in the config");
    fs.rmSync(sourceDir(), { recursive: true });
    await expect(runJob(queues.sourceSync, job({ instrumentId: 'cam1' }), sourceSync, ctx)).rejects.toThrow(`source folder ${sourceDir()} does not exist`);
    const [last] = await t.db.select().from(jobRuns).orderBy(sql`${jobRuns.id} desc`).limit(1);
    expect(last).toMatchObject({ outcome: 'failed', error: `source folder ${sourceDir()} does not exist (is the disk mounted?)` });
  });

  it('does not sync an instrument disabled in the config', async () => {
    await runJob(queues.sourceSync, job({ instrumentId: 'cam2' }), sourceSync, ctx);
    expect(await ledgerRows(t.db, 'cam2')).toEqual([]);
  });

  it('is scheduled per enabled instrument, keyed so one instrument cannot crowd out another on the stately queue', async () => {
    await applySchedules(boss, ctx.config!);
    const schedules = (await boss.getSchedules()).filter((x) => x.name === queues.sourceSync.name);
    expect(schedules.map((x) => [x.key, x.data, x.options?.singletonKey])).toEqual([['cam1', { instrumentId: 'cam1' }, 'cam1']]);
  });
});
