// One evaluation of every alert rule, in one transaction under the evaluation lock: read the newest health
// snapshots, step each alert's state machine, record state changes, and put the resulting mail in the
// outbox (sent by outbox-send). `now` is injected so tests can move time instead of waiting.
//
// Order matters: site link/power rules are stepped first, so the outages they report can mute the other
// rules' alerts in the same pass. If the health collector itself has stopped writing, every series would
// turn `no data` at once; instead one built-in `health-monitor` alert fires and the others are left as
// they are (frozen, neither resolved nor notified) until the collector is back.
import type { Database } from '../../db/client';
import { latestSnapshotAt, listActiveSilences, listAlerts, listInactiveInstruments, tryAlertsEvaluationLock } from '../../db/queries/alerts';
import type { FieldopsConfig } from '../config/schema';
import { evaluateRule, retireOrphanAlerts, type RuleOutcome } from './evaluate-rule';
import type { AlertNotice } from './messages';
import { maintenanceWindows, type MuteContext, type SiteOutage } from './mute';
import { evaluateMonitor, MONITOR_RULE } from './monitor';
import { enqueueNotices } from './notify';
import { enqueueRestartNotices } from './restarts';
import { isAlerting } from './state-machine';

export interface EvaluationSummary {
  /** `busy`: another evaluation held the lock; nothing was done. */
  skipped?: 'busy';
  alerts: number;
  changes: number;
  notices: number;
  mails: number;
  monitorDown: boolean;
}

export async function evaluateAlerts(db: Database, config: FieldopsConfig, now: Date = new Date()): Promise<EvaluationSummary> {
  return db.transaction(async (tx) => {
    const summary: EvaluationSummary = { alerts: 0, changes: 0, notices: 0, mails: 0, monitorDown: false };
    if (!(await tryAlertsEvaluationLock(tx))) return { ...summary, skipped: 'busy' };
    const existing = await listAlerts(tx);
    const rules = config.alerts.rules;
    const mute: MuteContext = {
      silences: await listActiveSilences(tx, now),
      maintenance: maintenanceWindows(config.alerts.maintenance),
      inactiveInstruments: await listInactiveInstruments(tx),
      outages: new Map(),
    };
    const notices: AlertNotice[] = [];

    const monitor = await evaluateMonitor(tx, existing.find((a) => a.ruleName === MONITOR_RULE) ?? null, await latestSnapshotAt(tx, now), mute, now);
    if (monitor.notice) notices.push(monitor.notice);
    summary.changes += monitor.changed ? 1 : 0;
    summary.monitorDown = monitor.down;

    if (!monitor.down) {
      summary.changes += await retireOrphanAlerts(tx, rules, existing.filter((a) => a.ruleName !== MONITOR_RULE), now);
      const outcomes: { dependency: boolean; outcome: RuleOutcome }[] = [];
      for (const dependencyFirst of [true, false]) {
        for (const rule of rules.filter((r) => (r.siteDependency !== undefined) === dependencyFirst)) {
          const outcome = await evaluateRule(tx, rule, existing.filter((a) => a.ruleName === rule.name), mute, now);
          outcomes.push({ dependency: dependencyFirst, outcome });
          if (dependencyFirst) recordOutages(mute.outages, rule.name, rule.siteDependency!, outcome);
        }
      }
      fillMutedBehind(outcomes, mute.outages);
      for (const { outcome } of outcomes) {
        notices.push(...outcome.notices);
        summary.changes += outcome.changes;
        summary.alerts += outcome.alerts.length;
      }
    }

    summary.notices = notices.length;
    summary.mails = (await enqueueNotices(tx, notices, config, now)).mails;
    summary.mails += await enqueueRestartNotices(tx, config, now);
    return summary;
  });
}

function recordOutages(outages: Map<string, SiteOutage>, rule: string, dependency: 'link' | 'power', outcome: RuleOutcome): void {
  for (const { alert, status } of outcome.alerts) {
    const site = alert.labels.site;
    if (site && isAlerting(status.state) && !outages.has(site)) outages.set(site, { site, dependency, rule, since: status.firingSince });
  }
}

/** Gives each site-outage notice the list of alerts it mutes: the "one message" that replaces theirs. */
function fillMutedBehind(outcomes: { dependency: boolean; outcome: RuleOutcome }[], outages: Map<string, SiteOutage>): void {
  const behind = new Map<string, string[]>();
  for (const { dependency, outcome } of outcomes) {
    if (dependency) continue;
    for (const { alert, status } of outcome.alerts) {
      const site = alert.labels.site;
      if (!site || !outages.has(site) || (status.state !== 'pending' && !isAlerting(status.state))) continue;
      const series = alert.labels.instrument ?? alert.labels.component ?? alert.seriesKey;
      behind.set(site, [...(behind.get(site) ?? []), `${alert.ruleName} ${series} (${status.state === 'nodata' ? 'no data' : status.state})`]);
    }
  }
  for (const { dependency, outcome } of outcomes) {
    if (!dependency) continue;
    for (const notice of outcome.notices) {
      const site = notice.labels.site;
      if (site && notice.kind !== 'resolved') notice.mutedBehind = behind.get(site) ?? [];
    }
  }
}
