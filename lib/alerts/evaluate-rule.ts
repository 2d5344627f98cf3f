// One rule against the newest health snapshots: every series the rule matches, plus every series it has an
// alert for that has gone quiet (which is how a dead instrument becomes `no data` instead of vanishing).
import type { Alert } from '../../db/schema';
import { insertAlert, insertAlertEvent, lastSampleTime, latestSamples, saveAlertStatus, type Executor, type SeriesSample } from '../../db/queries/alerts';
import type { AlertRuleConfig } from '../config/schema';
import type { AlertNotice } from './messages';
import { noticeDedupeKey } from './messages';
import { labelsMatch, seriesKey, type Labels } from './matchers';
import { muteReason, type MuteContext } from './mute';
import { INITIAL_STATUS, stepAlert, type AlertStatus, type Reading, type RuleTiming } from './state-machine';

export interface RuleOutcome {
  notices: AlertNotice[];
  /** Alerts of this rule after the step, for dependency (site outage) bookkeeping. */
  alerts: { alert: Alert; status: AlertStatus; muted: boolean }[];
  changes: number;
}

export function ruleTiming(rule: AlertRuleConfig): RuleTiming {
  return { above: rule.above, below: rule.below, forSeconds: rule.for, reminderEverySeconds: rule.reminderEvery };
}

export function sampleLabels(sample: Pick<SeriesSample, 'component' | 'labels'>): Labels {
  return { component: sample.component, ...sample.labels };
}

function statusOf(alert: Alert): AlertStatus {
  return {
    state: alert.state, value: alert.value, pendingSince: alert.pendingSince, firingSince: alert.firingSince,
    resolvedAt: alert.resolvedAt, lastNotifiedAt: alert.lastNotifiedAt,
  };
}

function sameStatus(a: AlertStatus, b: AlertStatus): boolean {
  const t = (d: Date | null) => d?.getTime() ?? null;
  return a.state === b.state && a.value === b.value && t(a.pendingSince) === t(b.pendingSince) && t(a.firingSince) === t(b.firingSince)
    && t(a.resolvedAt) === t(b.resolvedAt) && t(a.lastNotifiedAt) === t(b.lastNotifiedAt);
}

export async function evaluateRule(
  tx: Executor, rule: AlertRuleConfig, existing: Alert[], mute: MuteContext, now: Date,
): Promise<RuleOutcome> {
  const since = new Date(now.getTime() - rule.grace * 1000);
  const samples = (await latestSamples(tx, rule.metric, since, now)).filter((s) => labelsMatch(rule.match, sampleLabels(s)));
  const bySeries = new Map<string, { labels: Labels; sample: SeriesSample | null; alert: Alert | null }>();
  for (const sample of samples) {
    const labels = sampleLabels(sample);
    bySeries.set(seriesKey(labels), { labels, sample, alert: null });
  }
  for (const alert of existing) {
    if (!labelsMatch(rule.match, alert.labels)) continue; // the rule's matcher changed; retired elsewhere
    const entry = bySeries.get(alert.seriesKey);
    if (entry) entry.alert = alert;
    else bySeries.set(alert.seriesKey, { labels: alert.labels, sample: null, alert });
  }

  const timing = ruleTiming(rule);
  const outcome: RuleOutcome = { notices: [], alerts: [], changes: 0 };
  for (const [key, { labels, sample, alert: found }] of bySeries) {
    const alert = found ?? (await insertAlert(tx, { ruleName: rule.name, seriesKey: key, labels, severity: rule.severity }));
    const prev = found ? statusOf(found) : { ...INITIAL_STATUS };
    const reading: Reading = sample && sample.value !== null ? { value: sample.value } : null;
    const reason = muteReason({ ...labels, rule: rule.name, severity: rule.severity }, now, mute, rule.siteDependency !== undefined);
    const { next, change, notify } = stepAlert(prev, reading, timing, now, reason !== null);
    if (change) {
      outcome.changes += 1;
      const what = reading ? `${rule.metric} = ${reading.value}` : 'no data';
      await insertAlertEvent(tx, {
        alertId: alert.id, at: now, fromState: change.from, toState: change.to, value: next.value,
        message: `${what}${reason ? ` (muted: ${reason.text})` : ''}`,
      });
    }
    if (!sameStatus(prev, next) || alert.severity !== rule.severity) await saveAlertStatus(tx, alert.id, next, { severity: rule.severity });
    outcome.alerts.push({ alert: { ...alert, ...next }, status: next, muted: reason !== null });
    if (notify) {
      const lastSampleAt = reading ? sample!.time : labels.component ? await lastSampleTime(tx, rule.metric, labels.component, now) : null;
      outcome.notices.push({
        kind: notify, alertId: alert.id, labels, value: next.value, firingSince: next.firingSince, lastSampleAt,
        rule: { name: rule.name, metric: rule.metric, severity: rule.severity, above: rule.above, below: rule.below, forSeconds: rule.for, siteDependency: rule.siteDependency },
        dedupeKey: noticeDedupeKey(notify, alert.id, next.firingSince, now, rule.reminderEvery),
      });
    }
  }
  return outcome;
}

/** Alerts whose rule left the config, or no longer matches their series: closed quietly, history kept. */
export async function retireOrphanAlerts(tx: Executor, rules: AlertRuleConfig[], existing: Alert[], now: Date): Promise<number> {
  let retired = 0;
  for (const alert of existing) {
    const rule = rules.find((r) => r.name === alert.ruleName);
    if (rule && labelsMatch(rule.match, alert.labels)) continue;
    if (alert.state === 'ok' || alert.state === 'resolved') continue;
    const next: AlertStatus = { ...statusOf(alert), state: 'ok', pendingSince: null, resolvedAt: now };
    await saveAlertStatus(tx, alert.id, next);
    await insertAlertEvent(tx, { alertId: alert.id, at: now, fromState: alert.state, toState: 'ok', value: alert.value,
      message: rule ? 'the rule no longer matches this series' : 'the rule was removed from the config' });
    retired += 1;
  }
  return retired;
}
