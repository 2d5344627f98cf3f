// The quicklooks and webcam-timelapse jobs in their pg-boss wiring: schedules from the config, the append
// job queuing a re-render when late data makes a day stale, payload validation against hostile input, and
// the handlers recording their runs.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import jpeg from 'jpeg-js';
import { type Job, PgBoss } from 'pg-boss';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncConfigToDatabase } from '../../db/queries/config-sync';
import { upsertQuicklook } from '../../db/queries/quicklooks';
import { jobRuns } from '../../db/schema';
import { configSchema } from '../../lib/config/schema';
import { enqueueStaleRenders } from '../../lib/quicklooks/enqueue-stale';
import { append } from '../../workers/jobs/append';
import { quicklooks } from '../../workers/jobs/quicklooks';
import { webcamTimelapse } from '../../workers/jobs/webcam-timelapse';
import { allQueues, queues } from '../../workers/queues';
import { type JobContext, runJob } from '../../workers/run-job';
import { desiredSchedules } from '../../workers/schedules';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { type CampbellRow, toa5Text } from '../helpers/fixtures/campbell';
import { ledgerFetchedFile } from '../helpers/ledger';

let t: TestDatabase;
let tmp: string;
let boss: PgBoss;
let ctx: JobContext;
const config = configSchema.parse({
  campaign: { name: 'test' },
  sites: [{ id: 'summit', name: 'Summit' }],
  instruments: [
    { id: 'met', site: 'summit', kind: 'campbell-toa5', source: { path: '/nonexistent/met' }, schedule: { quicklooks: '*/5 * * * *' } },
    { id: 'cam', site: 'summit', kind: 'webcam', source: { path: '/nonexistent/cam' } },
    { id: 'van', site: 'summit', kind: 'campbell-dataquery', logger: { url: 'http://127.0.0.1:9', table: 'Public' } },
    { id: 'off', site: 'summit', kind: 'campbell-toa5', enabled: false, source: { path: '/nonexistent/off' } },
  ],
});

beforeAll(async () => {
  t = await createTestDatabase();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldops-quicklooks-wiring-'));
  await syncConfigToDatabase(t.db, config);
  boss = new PgBoss({ connectionString: t.url, max: 2 });
  boss.on('error', () => {});
  await boss.start();
  for (const q of allQueues) await boss.createQueue(q.name, { ...q.options, policy: q.policy });
  ctx = { db: t.db, log: pino({ level: 'silent' }), workerId: 'test-worker', signal: new AbortController().signal, config, dataDir: tmp, boss };
});
afterAll(async () => {
  await boss?.stop({ graceful: false });
  await t?.drop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const job = (name: string, data: unknown): Job<unknown> => ({ id: crypto.randomUUID(), name, data } as Job<unknown>);
const table = { table: 'Met', variables: [{ name: 'AirTC_Avg', unit: 'Deg C', processing: 'Avg' }] };
const rows = (from: number, n: number): CampbellRow[] => Array.from({ length: n }, (_, i) => ({ time: Date.UTC(2026, 10, 20) + (from + i) * 60_000, record: from + i, values: [i] }));

describe('schedules', () => {
  it('schedules quicklooks for file and live instruments and a timelapse for webcams, from the config', () => {
    const mine = desiredSchedules(config).filter((s) => s.queue === 'quicklooks' || s.queue === 'webcam-timelapse');
    expect(mine).toEqual([
      { queue: 'quicklooks', key: 'met', cron: '*/5 * * * *', data: { instrumentId: 'met' } },
      { queue: 'webcam-timelapse', key: 'cam', cron: '5 * * * *', data: { instrumentId: 'cam' } },
      { queue: 'quicklooks', key: 'van', cron: '15 * * * *', data: { instrumentId: 'van' } },
    ]);
  });
});

describe('jobs', () => {
  it('the append job queues one re-render for a drawn day that late data made stale', async () => {
    const first = await ledgerFetchedFile(t.db, tmp, 'met', 'a.dat', toa5Text(table, rows(0, 60)));
    await runJob(queues.append, job('append', { fileId: first }), append, ctx);
    await runJob(queues.quicklooks, job('quicklooks', { instrumentId: 'met', day: '2026-11-20' }), quicklooks, ctx);
    expect(await boss.findJobs(queues.quicklooks.name, { queued: true })).toEqual([]);

    for (const name of ['late1.dat', 'late2.dat']) {
      const late = await ledgerFetchedFile(t.db, tmp, 'met', name, toa5Text(table, rows(name === 'late1.dat' ? 600 : 700, 10)));
      await runJob(queues.append, job('append', { fileId: late }), append, ctx);
    }
    const queued = await boss.findJobs<{ instrumentId: string; day: string }>(queues.quicklooks.name, { queued: true });
    expect(queued.map((j) => [j.data, j.singletonKey])).toEqual([[{ instrumentId: 'met', day: '2026-11-20' }, 'met:2026-11-20']]);
  });

  it("leaves today's stale images to the schedule (a file growing every minute queues no render per minute)", async () => {
    const now = new Date(Date.UTC(2026, 10, 21, 12));
    expect(await enqueueStaleRenders(boss, 'met', [{ day: '2026-11-21', kind: 'timeseries' }, { day: '2026-11-21', kind: 'timelapse' }], now)).toBe(0);
    expect(await enqueueStaleRenders(boss, 'met', [{ day: '2026-11-19', kind: 'timeseries' }, { day: '2026-11-19', kind: 'overview' }], now)).toBe(1);
  });

  it('a new webcam image for a day with a timelapse queues the timelapse, and the handler remakes it', async () => {
    await upsertQuicklook(t.db, { instrumentId: 'cam', day: '2026-11-20', kind: 'timelapse', path: 'products/timelapse/cam/2026/cam_20261120_timelapse.mp4', dataMaxTime: null });
    const image = Buffer.from(jpeg.encode({ data: Buffer.alloc(64 * 48 * 4, 200), width: 64, height: 48 }, 80).data);
    const fileId = await ledgerFetchedFile(t.db, tmp, 'cam', 'cam_20261120_1200.jpg', image);
    await runJob(queues.append, job('append', { fileId }), append, ctx);
    const queued = await boss.findJobs<{ instrumentId: string; day: string }>(queues.webcamTimelapse.name, { queued: true });
    expect(queued.map((j) => j.data)).toEqual([{ instrumentId: 'cam', day: '2026-11-20' }]);
    await runJob(queues.webcamTimelapse, job('webcam-timelapse', { instrumentId: 'cam', day: '2026-11-20' }), webcamTimelapse, ctx);
    expect(fs.existsSync(path.join(tmp, 'products/timelapse/cam/2026/cam_20261120_timelapse.mp4'))).toBe(true);
  });

  it('rejects hostile payloads with a recorded reason, before touching any file', async () => {
    const bad = [
      { instrumentId: 'met', day: '2026-13-45x' }, { instrumentId: 'met', day: '../../etc' }, { instrumentId: '' }, {},
      { instrumentId: 'met', extra: 1 }, { instrumentId: 'met', day: 20261120 }, null, 'met', { instrumentId: 'met', day: '2026-02-30' },
    ];
    for (const data of bad) {
      await expect(runJob(queues.quicklooks, job('quicklooks', data), quicklooks, ctx)).rejects.toThrow();
    }
    await expect(runJob(queues.quicklooks, job('quicklooks', { instrumentId: 'nope' }), quicklooks, ctx)).rejects.toThrow(/no instrument 'nope'/);
    const failed = await t.db.select().from(jobRuns).where(eq(jobRuns.outcome, 'failed')).orderBy(jobRuns.id);
    expect(failed.length).toBe(bad.length + 1);
    expect(failed.at(-2)!.error).toMatch(/not a calendar day/);
    expect(failed[0]!.error).toMatch(/invalid payload: day/);
    expect(fs.readdirSync(tmp).filter((f) => f === 'etc')).toEqual([]);
  });
});
