// Schedules, run now and instrument enable/disable against a real database and a real pg-boss: a pause is
// stored, survives a worker re-applying the config, and is undone by resume; run now queues a real job;
// every action lands in the audit log; bad input gets a clear error and changes nothing.
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { PgBoss } from 'pg-boss';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEntries } from '../../db/queries/audit-log';
import { syncConfigToDatabase } from '../../db/queries/config-sync';
import { isInstrumentPaused, listSchedulePauses } from '../../db/queries/ops-control';
import { demoConfig } from '../../lib/config/demo';
import { ControlInputError } from '../../lib/ops/control/actor';
import { setInstrumentEnabled } from '../../lib/ops/control/instruments';
import { nextRunAt } from '../../lib/ops/control/next-run';
import { listScheduleRows, pausedScheduleKeys, pauseSchedule, resumeSchedule, runScheduleNow } from '../../lib/ops/control/schedules';
import { sourceSync } from '../../workers/jobs/source-sync';
import { allQueues, queues } from '../../workers/queues';
import { applySchedules, desiredSchedules } from '../../workers/schedules';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

const who = { actor: 'op@example.org', address: '127.0.0.1' };
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldops-control-'));
const config = demoConfig(dataDir);
let t: TestDatabase;
let boss: PgBoss;

beforeAll(async () => {
  t = await createTestDatabase();
  await syncConfigToDatabase(t.db, config);
  // A worker's pg-boss (schema, queues, schedules) without its cron clock or supervisor: nothing runs here.
  boss = new PgBoss({ connectionString: t.url, max: 3, schedule: false, supervise: false });
  boss.on('error', () => {});
  await boss.start();
  for (const queue of allQueues) await boss.createQueue(queue.name, { ...queue.options, policy: queue.policy });
  await applySchedules(boss, config);
});

afterAll(async () => {
  await boss?.stop({ graceful: false });
  await t?.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const syncKey = () => desiredSchedules(config).find((s) => s.queue === queues.sourceSync.name)!.key;

describe('schedules', () => {
  it('lists every schedule with its next run from the cron', async () => {
    const now = new Date('2026-06-01T10:03:00Z');
    const rows = await listScheduleRows(t.db, boss, now);
    expect(rows.map((r) => `${r.queue}/${r.key}`).sort()).toEqual(desiredSchedules(config).map((s) => `${s.queue}/${s.key}`).sort());
    const health = rows.find((r) => r.queue === 'health-collect')!;
    expect(health.nextRunAt?.toISOString()).toBe('2026-06-01T10:04:00.000Z');
    expect(health.paused).toBeNull();
    expect(nextRunAt('not a cron', 'UTC')).toBeNull();
  });

  it('pauses a schedule: stored, unscheduled in pg-boss, kept out when a worker re-applies the config, audited', async () => {
    const ref = { queue: queues.sourceSync.name, key: syncKey() };
    await pauseSchedule(t.db, boss, ref, who);
    expect(await boss.getSchedules(ref.queue, ref.key)).toEqual([]);
    expect((await listSchedulePauses(t.db)).map((p) => `${p.queue}/${p.key}/${p.pausedBy}`)).toEqual([`${ref.queue}/${ref.key}/${who.actor}`]);
    // A worker restarting applies the config's schedules: the paused one stays out.
    await applySchedules(boss, config, await pausedScheduleKeys(t.db));
    expect(await boss.getSchedules(ref.queue, ref.key)).toEqual([]);
    const row = (await listScheduleRows(t.db, boss)).find((r) => r.queue === ref.queue && r.key === ref.key)!;
    expect(row.paused?.by).toBe(who.actor);
    expect(row.nextRunAt).toBeNull();
    const [entry] = await listAuditEntries(t.db, { action: 'schedule.pause' });
    expect(entry).toMatchObject({ actor: who.actor, target: `${ref.queue}/${ref.key}`, address: '127.0.0.1' });
    await expect(pauseSchedule(t.db, boss, ref, who)).rejects.toThrow(/already paused/);
  });

  it('runs a paused schedule now: a real pg-boss job with the schedule payload, audited', async () => {
    const ref = { queue: queues.sourceSync.name, key: syncKey() };
    const jobId = await runScheduleNow(t.db, boss, ref, who);
    const job = await boss.getJobById(ref.queue, jobId);
    expect(job?.data).toEqual({ instrumentId: ref.key });
    expect(job?.state).toBe('created');
    // The stately queue holds one waiting run per key: a second click says so rather than queueing twice.
    await expect(runScheduleNow(t.db, boss, ref, who)).rejects.toThrow(/already has a run waiting/);
    const [entry] = await listAuditEntries(t.db, { action: 'job.run' });
    expect(entry).toMatchObject({ actor: who.actor, target: `${ref.queue}/${ref.key}`, details: { jobId } });
  });

  it('resumes a schedule with its cron and payload, audited', async () => {
    const ref = { queue: queues.sourceSync.name, key: syncKey() };
    await resumeSchedule(t.db, boss, ref, who);
    const [schedule] = await boss.getSchedules(ref.queue, ref.key);
    expect(schedule).toMatchObject({ cron: desiredSchedules(config).find((s) => s.key === ref.key && s.queue === ref.queue)!.cron, data: { instrumentId: ref.key } });
    expect(await listSchedulePauses(t.db)).toEqual([]);
    expect((await listAuditEntries(t.db, { action: 'schedule.resume' })).length).toBe(1);
    await expect(resumeSchedule(t.db, boss, ref, who)).rejects.toThrow(/is not paused/);
  });

  it('refuses unknown, empty, oversized and hostile references with a clear error and no change', async () => {
    const before = (await listAuditEntries(t.db)).length;
    const bad = [
      { queue: 'nope', key: 'x' }, { queue: "source-sync'; DROP TABLE job_runs; --", key: 'x' }, { queue: queues.sourceSync.name, key: '' },
      { queue: queues.sourceSync.name, key: 'k'.repeat(10_000) }, { queue: queues.sourceSync.name, key: 'no-such-instrument' },
    ];
    for (const ref of bad) {
      for (const action of [pauseSchedule, resumeSchedule, runScheduleNow]) {
        await expect(action(t.db, boss, ref, who)).rejects.toBeInstanceOf(ControlInputError);
      }
    }
    expect((await listAuditEntries(t.db)).length).toBe(before);
    expect(await listSchedulePauses(t.db)).toEqual([]);
  });
});

describe('instrument enable/disable', () => {
  const syncable = () => config.instruments.find((i) => i.source)!;

  it('disables an instrument (the operator flag), which source-sync then skips; enabling undoes it; both audited', async () => {
    const inst = syncable();
    await setInstrumentEnabled(t.db, boss, inst.id, false, who);
    expect(await isInstrumentPaused(t.db, inst.id)).toBe(true);
    const log = pino({ level: 'silent' });
    const result = await sourceSync({ instrumentId: inst.id }, { db: t.db, log, workerId: 'test', signal: new AbortController().signal, config, dataDir, boss });
    expect(result).toEqual({ counts: { disabled: 1 } });
    await setInstrumentEnabled(t.db, boss, inst.id, true, who);
    expect(await isInstrumentPaused(t.db, inst.id)).toBe(false);
    const entries = await listAuditEntries(t.db, { action: 'instrument' });
    expect(entries.map((e) => `${e.action} ${e.target}`)).toEqual([`instrument.enable ${inst.id}`, `instrument.disable ${inst.id}`]);
  });

  it('enabling a live instrument sends its poller job at once', async () => {
    const live = config.instruments.find((i) => i.kind === 'campbell-dataquery')!;
    await setInstrumentEnabled(t.db, boss, live.id, false, who);
    await setInstrumentEnabled(t.db, boss, live.id, true, who);
    const jobs = await boss.findJobs(queues.livePoll.name, { key: live.id });
    expect(jobs.some((j) => j.state === 'created')).toBe(true);
  });

  it('refuses unknown and hostile instrument ids', async () => {
    for (const id of ['nope', '', '../etc', 'x'.repeat(500), "cl61' OR '1'='1"]) {
      await expect(setInstrumentEnabled(t.db, boss, id, false, who)).rejects.toBeInstanceOf(ControlInputError);
    }
  });
});
