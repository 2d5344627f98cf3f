// The built-in alert on the monitor itself: if health-collect has written nothing for three minutes (and
// that lasts two more), every
// other series is stale for the same reason, so this one alert speaks for all of them (and the evaluator
// leaves the others untouched). It is an ordinary alert row, so silences and the ops pages treat it alike.
import type { Alert } from '../../db/schema';
import { insertAlert, insertAlertEvent, saveAlertStatus, type Executor } from '../../db/queries/alerts';
import { noticeDedupeKey, type AlertNotice } from './messages';
import { muteReason, type MuteContext } from './mute';
import { INITIAL_STATUS, stepAlert, type AlertStatus, type RuleTiming } from './state-machine';

export const MONITOR_RULE = 'health-monitor';
export const MONITOR_METRIC = 'health_snapshot_age_seconds';
/** Three missed one-minute collections. */
export const MONITOR_STALE_SECONDS = 180;
const MONITOR_LABELS = { component: 'health-collector' };
// Two more minutes before mail: when the whole portal starts after a night off, the first evaluation may
// run before the first collection, and that must not send a firing and a recovery mail.
const TIMING: RuleTiming = { above: MONITOR_STALE_SECONDS, forSeconds: 120, reminderEverySeconds: 4 * 3600 };

export interface MonitorOutcome {
  /** The collector is stale: other alerts must not be evaluated on its old data. */
  down: boolean;
  changed: boolean;
  notice: AlertNotice | null;
}

export async function evaluateMonitor(
  tx: Executor, alert: Alert | null, latestSnapshot: Date | null, mute: MuteContext, now: Date,
): Promise<MonitorOutcome> {
  // Before the first collection ever (a fresh install) there is nothing to be late with.
  if (!latestSnapshot && !alert) return { down: false, changed: false, notice: null };
  const age = latestSnapshot ? Math.max(0, (now.getTime() - latestSnapshot.getTime()) / 1000) : Number.POSITIVE_INFINITY;
  const row = alert ?? (await insertAlert(tx, { ruleName: MONITOR_RULE, seriesKey: 'component=health-collector', labels: MONITOR_LABELS, severity: 'critical' }));
  const prev: AlertStatus = alert
    ? { state: alert.state, value: alert.value, pendingSince: alert.pendingSince, firingSince: alert.firingSince, resolvedAt: alert.resolvedAt, lastNotifiedAt: alert.lastNotifiedAt }
    : { ...INITIAL_STATUS };
  const reason = muteReason({ ...MONITOR_LABELS, rule: MONITOR_RULE, severity: 'critical' }, now, mute);
  const value = Number.isFinite(age) ? Math.round(age) : null;
  const { next, change, notify } = stepAlert(prev, value === null ? null : { value }, TIMING, now, reason !== null);
  if (change) {
    await insertAlertEvent(tx, { alertId: row.id, at: now, fromState: change.from, toState: change.to, value,
      message: `health snapshots ${value === null ? 'never written' : `${value} s old`}${reason ? ` (muted: ${reason.text})` : ''}` });
  }
  if (change || notify || prev.value !== next.value) await saveAlertStatus(tx, row.id, next);
  const notice: AlertNotice | null = notify
    ? {
        kind: notify, alertId: row.id, labels: MONITOR_LABELS, value, firingSince: next.firingSince, lastSampleAt: latestSnapshot,
        rule: { name: MONITOR_RULE, metric: MONITOR_METRIC, severity: 'critical', above: MONITOR_STALE_SECONDS, forSeconds: TIMING.forSeconds },
        dedupeKey: noticeDedupeKey(notify, row.id, next.firingSince, now, TIMING.reminderEverySeconds),
      }
    : null;
  // Stale data freezes the other alerts at once, even while this one is still pending.
  return { down: value === null || value > MONITOR_STALE_SECONDS, changed: change !== null, notice };
}
