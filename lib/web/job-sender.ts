// The web tier's pg-boss: send-only. No maintenance and no cron clock (the workers own those), so any number
// of web servers can hold one without competing with the workers for pg-boss's chores. It may create
// pg-boss's schema (under pg-boss's own advisory lock), so an operator can queue work before any worker has
// ever started. One per process, kept on globalThis so that Next's module reloads do not open another.
import { PgBoss, type SendOptions } from 'pg-boss';
import { getEnv } from '../env';
import { createLogger } from '../log';
import type { QueueDefinition } from '../../workers/queues';

const holder = globalThis as unknown as { fieldopsSendOnlyBoss?: Promise<PgBoss>; fieldopsQueuesCreated?: Set<string> };

export function createSendOnlyBoss(connectionString: string): PgBoss {
  return new PgBoss({ connectionString, application_name: 'fieldops-web-send', max: 2, supervise: false, schedule: false });
}

export function getSendOnlyBoss(): Promise<PgBoss> {
  holder.fieldopsSendOnlyBoss ??= (async () => {
    const url = getEnv().DATABASE_URL;
    if (!url) throw new Error('DATABASE_URL is not set: the web server cannot reach pg-boss');
    const boss = createSendOnlyBoss(url);
    const log = createLogger('job-sender');
    boss.on('error', (error: Error) => log.error({ err: error }, 'pg-boss error'));
    try {
      await boss.start();
    } catch (error) {
      holder.fieldopsSendOnlyBoss = undefined;
      throw new Error(`pg-boss is not ready (has a worker started yet?): ${(error as Error).message}`);
    }
    return boss;
  })();
  return holder.fieldopsSendOnlyBoss;
}

/**
 * Enqueues one job after checking its payload against the queue's schema; returns the job id, or null when
 * the queue's policy refused it (a stately queue with one already waiting, a singleton key in use).
 */
export async function sendJob<Q extends QueueDefinition>(queue: Q, payload: unknown, options: SendOptions = {}): Promise<string | null> {
  const data = queue.payload.parse(payload) as object;
  const boss = await getSendOnlyBoss();
  // Workers create every queue when they start; creating it here too lets a job be queued before then. Once
  // per queue and process: it is a round trip that every later send would repeat for nothing.
  const created = (holder.fieldopsQueuesCreated ??= new Set());
  if (!created.has(queue.name)) {
    await boss.createQueue(queue.name, { ...queue.options, policy: queue.policy });
    created.add(queue.name);
  }
  return boss.send(queue.name, data, options);
}
