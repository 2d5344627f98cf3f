// The live-poll queue end to end on pg-boss: a worker's keeper sends one job per live instrument, the job
// polls the simulator, and a second keeper or worker adds no second poller.
import { PgBoss } from 'pg-boss';
import pino from 'pino';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { livePoll } from '../../workers/jobs/live-poll';
import { ensureLivePollers, sendSuccessor } from '../../workers/live-pollers';
import { queues } from '../../workers/queues';
import { runJob } from '../../workers/run-job';
import { liveConfig, LiveHarness } from './harness';

let h: LiveHarness;
const bosses: PgBoss[] = [];
const abort = new AbortController();

async function startWorker(name: string): Promise<PgBoss> {
  const boss = new PgBoss({ connectionString: h.t.url, max: 3, application_name: name });
  boss.on('error', () => {});
  await boss.start();
  await boss.createQueue(queues.livePoll.name, { ...queues.livePoll.options, policy: queues.livePoll.policy });
  const config = liveConfig(h.sim.url);
  await boss.work(queues.livePoll.name, { localConcurrency: 2, pollingIntervalSeconds: 0.5 }, async (jobs) => {
    for (const job of jobs) {
      await runJob(queues.livePoll, job, livePoll, { db: h.t.db, log: pino({ level: 'silent' }), workerId: name, signal: abort.signal,
        config, dataDir: h.dataDir, boss });
    }
  });
  bosses.push(boss);
  return boss;
}

beforeAll(async () => {
  h = await LiveHarness.create();
});

afterAll(async () => {
  abort.abort();
  await Promise.all(bosses.map((b) => b.stop({ graceful: true, timeout: 10_000 })));
  await h?.close();
});

describe('live-poll jobs', () => {
  it('run one poller per live instrument however many workers and keepers there are', async () => {
    const a = await startWorker('worker-a');
    const b = await startWorker('worker-b');
    expect(await ensureLivePollers(a, h.t.db)).toEqual(['van1']);
    expect(await ensureLivePollers(b, h.t.db)).toEqual([]);
    await h.untilStored();
    await h.advance(5, { stepwise: true });
    const jobs = await a.findJobs(queues.livePoll.name, { key: 'van1' });
    expect(jobs.map((j) => j.state)).toEqual(['active']);
    expect(jobs[0]!.heartbeatSeconds).toBe(30);
    const holders = await h.t.db.execute(sql`SELECT DISTINCT holder FROM live_feeds`);
    expect(holders.rows).toHaveLength(1);
    const runs = await h.t.db.execute<{ queue: string; outcome: string }>(sql`SELECT queue, outcome FROM job_runs`);
    expect(runs.rows).toEqual([{ queue: 'live-poll', outcome: 'running' }]);
  });

  it('queue exactly one successor at the end of a shift', async () => {
    const [a] = bosses;
    await sendSuccessor(a!, 'van1');
    await sendSuccessor(a!, 'van1');
    const jobs = await a!.findJobs(queues.livePoll.name, { key: 'van1' });
    expect(jobs.map((j) => j.state).sort()).toEqual(['active', 'created']);
  });
});
