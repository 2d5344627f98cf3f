// Every pg-boss queue fieldops uses: its name, its payload schema and its options. Web servers only send;
// worker processes create the queues, work them and schedule them.
import type { QueueOptions, QueuePolicy } from 'pg-boss';
import { z } from 'zod';

export interface QueueDefinition<Schema extends z.ZodType = z.ZodType> {
  name: string;
  payload: Schema;
  policy: QueuePolicy;
  options: QueueOptions;
}

function defineQueue<Schema extends z.ZodType>(name: string, payload: Schema, policy: QueuePolicy, options: QueueOptions): QueueDefinition<Schema> {
  return { name, payload, policy, options };
}

function isCalendarDay(day: string): boolean {
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(day);
}

const instrumentDay = z.strictObject({
  instrumentId: z.string().min(1),
  // A calendar day: `2026-02-30` matches the pattern but would fail later, in the job_runs insert.
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine(isCalendarDay, 'not a calendar day').optional(),
});

export const queues = {
  rollupsRefresh: defineQueue('rollups-refresh',
    z.strictObject({ from: z.iso.datetime({ offset: true }).optional(), to: z.iso.datetime({ offset: true }).optional() }),
    'singleton', { retryLimit: 2, retryDelay: 30, expireInSeconds: 900 }),
  sourceSync: defineQueue('source-sync', instrumentDay, 'stately', { retryLimit: 3, retryDelay: 60, retryBackoff: true, expireInSeconds: 1800 }),
  append: defineQueue('append', z.strictObject({ fileId: z.number().int().positive() }), 'standard',
    { retryLimit: 3, retryDelay: 30, retryBackoff: true, expireInSeconds: 3600 }),
  quicklooks: defineQueue('quicklooks', instrumentDay, 'stately', { retryLimit: 2, retryDelay: 60, expireInSeconds: 1800 }),
  // A webcam's day as an MP4 (lib/quicklooks/timelapse.ts); without a day: today and stale days.
  webcamTimelapse: defineQueue('webcam-timelapse', instrumentDay, 'stately', { retryLimit: 2, retryDelay: 120, expireInSeconds: 1800 }),
  // One long-running job per live instrument (singletonKey = instrument id); see workers/live-pollers.ts.
  // The heartbeat lets pg-boss retry the job within a minute when its worker dies; the backoff is capped so
  // a logger that comes back is polled again within five minutes.
  livePoll: defineQueue('live-poll', z.strictObject({ instrumentId: z.string().min(1) }), 'singleton',
    { retryLimit: 1000, retryDelay: 5, retryBackoff: true, retryDelayMax: 300, expireInSeconds: 86_400, heartbeatSeconds: 30 }),
  // A worker that hangs mid-collection (SIGSTOP) stops heartbeating: pg-boss gives up on its job within ~20 s
  // so the next minute's run is not blocked behind it; the lease in lib/ops/health/collect.ts fences it.
  healthCollect: defineQueue('health-collect', z.strictObject({}), 'singleton', { retryLimit: 0, expireInSeconds: 120, heartbeatSeconds: 20 }),
  alertsEvaluate: defineQueue('alerts-evaluate', z.strictObject({}), 'singleton', { retryLimit: 0, expireInSeconds: 120, heartbeatSeconds: 20 }),
  // Mail from the outbox. Retries live on each message (backoff in lib/email/sender.ts), not on the job.
  outboxSend: defineQueue('outbox-send', z.strictObject({}), 'singleton', { retryLimit: 0, expireInSeconds: 600, heartbeatSeconds: 30 }),
  mirrorSync: defineQueue('mirror-sync', z.strictObject({ mirrorId: z.string().min(1) }), 'stately',
    { retryLimit: 2, retryDelay: 300, expireInSeconds: 6 * 3600 }),
  mirrorVerify: defineQueue('mirror-verify', z.strictObject({ mirrorId: z.string().min(1).optional() }), 'stately',
    { retryLimit: 1, retryDelay: 300, expireInSeconds: 6 * 3600 }),
  // Deletes old mirror audits by the config's retention (lib/mirrors/audit-retention.ts); daily, one at a time.
  mirrorAuditsPrune: defineQueue('mirror-audits-prune', z.strictObject({}), 'singleton',
    { retryLimit: 2, retryDelay: 600, expireInSeconds: 3 * 3600 }),
  // The mirror report verifies every hop before it mails (lib/mirrors/mirror-report.ts): as long as a verify.
  reportEmail: defineQueue('report-email', z.strictObject({ report: z.enum(['mirror-verify']) }), 'stately',
    { retryLimit: 3, retryDelay: 300, expireInSeconds: 6 * 3600 }),
} as const;

export type QueueKey = keyof typeof queues;
export const allQueues: QueueDefinition[] = Object.values(queues);
