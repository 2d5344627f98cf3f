// A send-only pg-boss client for the web server: pages and server actions enqueue jobs, worker processes
// run them. One per process (kept on globalThis across Next's module reloads); it never works or schedules.
import { PgBoss } from 'pg-boss';
import { getEnv } from '../env';
import { createLogger } from '../log';
import type { QueueDefinition } from '../../workers/queues';

const holder = globalThis as unknown as { fieldopsJobSender?: Promise<PgBoss> };

async function startSender(): Promise<PgBoss> {
  const url = getEnv().DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: jobs cannot be sent');
  const boss = new PgBoss({ connectionString: url, application_name: 'fieldops-web-send', max: 2, supervise: false, schedule: false });
  const log = createLogger('job-sender');
  boss.on('error', (error: Error) => log.error({ err: error }, 'pg-boss error'));
  await boss.start();
  return boss;
}

/** Enqueues one job after checking its payload against the queue's schema; returns the job id. */
export async function sendJob<Q extends QueueDefinition>(queue: Q, payload: unknown): Promise<string | null> {
  const data = queue.payload.parse(payload) as object;
  holder.fieldopsJobSender ??= startSender().catch((error: unknown) => {
    holder.fieldopsJobSender = undefined;
    throw error;
  });
  const boss = await holder.fieldopsJobSender;
  // Workers create every queue when they start; creating it here too lets a re-run be queued before then.
  await boss.createQueue(queue.name, { ...queue.options, policy: queue.policy });
  return boss.send(queue.name, data);
}
