// Which queues this worker build can run, and with which handler. A queue without a handler here is still
// created (so web servers can send to it) but not worked or scheduled.
import type { QueueDefinition } from './queues';
import { queues } from './queues';
import type { JobHandler } from './run-job';
import { append } from './jobs/append';
import { rollupsRefresh } from './jobs/rollups-refresh';
import { sourceSync } from './jobs/source-sync';

export interface Registration {
  queue: QueueDefinition;
  handler: JobHandler<QueueDefinition>;
  /** Jobs of this queue one worker process runs at once. */
  concurrency: number;
}

function register<Q extends QueueDefinition>(queue: Q, handler: JobHandler<Q>, concurrency = 1): Registration {
  return { queue, handler: handler as JobHandler<QueueDefinition>, concurrency };
}

export const registrations: Registration[] = [
  register(queues.rollupsRefresh, rollupsRefresh),
  // Two instruments sync at once per worker; one instrument's syncs never overlap (stately queue, keyed).
  register(queues.sourceSync, sourceSync, 2),
  // Appends of different files run side by side; one file's appends serialise on its ledger row lock.
  register(queues.append, append, 2),
];

export function hasHandler(queueName: string): boolean {
  return registrations.some((r) => r.queue.name === queueName);
}
