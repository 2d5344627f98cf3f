// A worker process: pg-boss started once, every queue created, handlers registered, the config's schedules
// applied, a heartbeat row kept. SIGTERM (or the supervisor going away) stops taking jobs and lets the
// running ones finish before exiting. Any number of these may run against one database, on any host.
import { PgBoss } from 'pg-boss';
import { getDb } from '../db/client';
import { loadConfig } from '../lib/config/load';
import { getEnv } from '../lib/env';
import { startHeartbeat } from '../lib/heartbeat';
import { createLogger } from '../lib/log';
import { startLivePollerKeeper } from './live-pollers';
import { allQueues } from './queues';
import { registrations } from './registry';
import { runJob } from './run-job';
import { applySchedules } from './schedules';
import { pausedScheduleKeys } from '../lib/ops/control/schedules';

process.env.FIELDOPS_COMPONENT = 'worker';
const env = getEnv();
const log = createLogger('worker');
if (!env.DATABASE_URL) throw new Error('DATABASE_URL is not set: workers are started by `fieldops start`, which provides it');

const { config } = loadConfig({ configPath: env.FIELDOPS_CONFIG, dataDir: env.dataDir });
const db = getDb();
const heartbeat = startHeartbeat({ kind: 'worker', info: { queues: registrations.map((r) => r.queue.name) } }, log);
const abort = new AbortController();

const boss = new PgBoss({ connectionString: env.DATABASE_URL, application_name: 'fieldops-worker', max: 6 });
boss.on('error', (error: Error) => log.error({ err: error }, 'pg-boss error'));
await boss.start();
for (const queue of allQueues) await boss.createQueue(queue.name, { ...queue.options, policy: queue.policy });
for (const { queue, handler, concurrency } of registrations) {
  await boss.work(queue.name, { localConcurrency: concurrency, pollingIntervalSeconds: 2 }, async (jobs) => {
    for (const job of jobs) await runJob(queue, job, handler, { db, log, workerId: heartbeat.id, signal: abort.signal, config, dataDir: env.dataDir, boss });
  });
}
const schedules = await applySchedules(boss, config, await pausedScheduleKeys(db));
// Live feeds run as long jobs, not schedules: make sure each live instrument has one (and keep checking).
const livePollers = startLivePollerKeeper(boss, db, log);
log.info(`working ${registrations.length} queue(s); ${schedules.applied} schedule(s) applied, ${schedules.removed} removed`);
process.send?.({ type: 'ready' });

let stopping = false;
async function shutdown(reason: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info(`stopping (${reason}); letting running jobs finish`);
  livePollers.stop();
  abort.abort();
  await boss.stop({ graceful: true, timeout: 20_000 }).catch((error: unknown) => log.warn({ err: error }, 'pg-boss stop failed'));
  await heartbeat.stop();
  await db.$client.end().catch(() => {});
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('disconnect', () => void shutdown('supervisor gone'));
