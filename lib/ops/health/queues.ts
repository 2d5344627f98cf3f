// pg-boss queues (waiting, running, failed in the last hour), mirror lag, and the outbox (mail that cannot
// get out is an outage of its own: an alert nobody receives).
import { listMirrorLastSuccess, listQueueStats, type Executor } from '../../../db/queries/ops-health';
import { countOutboxByState, oldestPendingOutboxAt } from '../../../db/queries/outbox';
import type { Database } from '../../../db/client';
import { reading, secondsBetween, type CollectorResult, type HealthReading } from './types';

export async function collectQueues(db: Executor, now: Date): Promise<CollectorResult> {
  const stats = await listQueueStats(db, now);
  const readings: HealthReading[] = stats.flatMap((q) => {
    const component = `queue:${q.queue}`;
    const labels = { queue: q.queue };
    return [reading(component, 'queue_depth', labels, q.depth), reading(component, 'queue_active', labels, q.active),
      reading(component, 'queue_failed', labels, q.failedLastHour)];
  });
  return { readings, raw: stats };
}

export async function collectMirrors(db: Executor, now: Date): Promise<CollectorResult> {
  const mirrors = await listMirrorLastSuccess(db);
  const readings = mirrors.map((m) =>
    // Never synced: null, so a lag rule sees `no data` rather than a lag of zero.
    reading(`mirror:${m.mirrorId}`, 'mirror_lag_seconds', { mirror: m.mirrorId }, m.lastSuccessAt ? secondsBetween(m.lastSuccessAt, now) : null));
  return { readings, raw: mirrors };
}

export async function collectOutbox(db: Database, now: Date): Promise<CollectorResult> {
  const counts = await countOutboxByState(db);
  const oldest = await oldestPendingOutboxAt(db, now);
  const oldestAge = oldest ? secondsBetween(oldest, now) : 0;
  return {
    readings: [reading('outbox', 'outbox_pending', {}, counts.pending + counts.sending), reading('outbox', 'outbox_failed', {}, counts.failed),
      reading('outbox', 'outbox_oldest_pending_seconds', {}, oldestAge)],
    raw: { ...counts, oldestPendingAt: oldest },
  };
}
