// alerts-evaluate: steps every alert rule (lib/alerts/evaluate.ts) and, when that put mail in the outbox,
// asks for an outbox-send right away instead of at the next minute's schedule.
import { evaluateAlerts } from '../../lib/alerts/evaluate';
import { queues } from '../queues';
import type { JobHandler, JobResult } from '../run-job';

export const alertsEvaluate: JobHandler<typeof queues.alertsEvaluate> = async (_payload, { db, log, config, boss }): Promise<JobResult> => {
  if (!config) throw new Error('alerts-evaluate needs config in its job context (set by workers/index.ts)');
  const summary = await evaluateAlerts(db, config, new Date());
  if (summary.skipped) {
    log.info('another alerts evaluation is running; skipped');
    return { counts: { skipped: 1 } };
  }
  if (summary.monitorDown) log.warn('health snapshots are stale: only the health-monitor alert was evaluated');
  if (summary.mails > 0 && boss) await boss.send(queues.outboxSend.name, {}, { ...queues.outboxSend.options, singletonKey: 'now' });
  return { counts: { alerts: summary.alerts, changes: summary.changes, notices: summary.notices, mails: summary.mails } };
};
