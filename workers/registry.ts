// Which queues this worker build can run, and with which handler. A queue without a handler here is still
// created (so web servers can send to it) but not worked or scheduled.
import type { QueueDefinition } from './queues';
import { queues } from './queues';
import type { JobHandler } from './run-job';
import { LIVE_POLLERS_PER_WORKER } from './live-pollers';
import { livePoll } from './jobs/live-poll';
import { append } from './jobs/append';
import { alertsEvaluate } from './jobs/alerts-evaluate';
import { healthCollect } from './jobs/health-collect';
import { outboxSend } from './jobs/outbox-send';
import { mirrorSync } from './jobs/mirror-sync';
import { mirrorAuditsPrune } from './jobs/mirror-audits-prune';
import { mirrorVerify } from './jobs/mirror-verify';
import { reportEmail } from './jobs/report-email';
import { rollupsRefresh } from './jobs/rollups-refresh';
import { sourceSync } from './jobs/source-sync';
import { quicklooks } from './jobs/quicklooks';
import { webcamTimelapse } from './jobs/webcam-timelapse';

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
  // A live poller holds its slot for a whole shift: one slot per live instrument this worker may carry.
  register(queues.livePoll, livePoll, LIVE_POLLERS_PER_WORKER),
  // Operations: observe, evaluate, mail. Each is a singleton queue; health-collect also holds a lease.
  register(queues.healthCollect, healthCollect),
  register(queues.alertsEvaluate, alertsEvaluate),
  register(queues.outboxSend, outboxSend),
  // Mirrors: one mirror's syncs never overlap (stately, keyed by mirror); the daily report verifies first.
  register(queues.mirrorSync, mirrorSync),
  register(queues.mirrorVerify, mirrorVerify),
  register(queues.reportEmail, reportEmail),
  register(queues.mirrorAuditsPrune, mirrorAuditsPrune),
  // Products: one instrument's renders never overlap (stately, keyed); ffmpeg runs single-threaded.
  register(queues.quicklooks, quicklooks),
  register(queues.webcamTimelapse, webcamTimelapse),
];

export function hasHandler(queueName: string): boolean {
  return registrations.some((r) => r.queue.name === queueName);
}
