// Alert mail text. One evaluation's notifications for the same recipients go out as one message, so a bad
// minute (a dozen feeds going stale together) is one mail with a dozen lines, not a dozen mails.
import { seriesKey, seriesName, type Labels } from './matchers';
import type { NotificationKind } from './state-machine';

export interface AlertNotice {
  kind: NotificationKind;
  alertId: number;
  rule: { name: string; metric: string; severity: string; above?: number; below?: number; forSeconds: number; siteDependency?: 'link' | 'power' };
  labels: Labels;
  value: number | null;
  firingSince: Date | null;
  /** When the series last reported (for no-data notices). */
  lastSampleAt: Date | null;
  /** For a site's link/power alert: the alerts muted because of it, as `rule series (state)`. */
  mutedBehind?: string[];
  dedupeKey: string;
}

const HEADLINE: Record<NotificationKind, string> = { firing: 'FIRING', nodata: 'NO DATA', reminder: 'STILL FIRING', resolved: 'RESOLVED' };

export function formatValue(value: number | null): string {
  if (value === null) return 'no value';
  return Number.isInteger(value) ? String(value) : value.toFixed(Math.abs(value) >= 100 ? 0 : 2);
}

function threshold(rule: AlertNotice['rule']): string {
  const parts = [rule.above !== undefined ? `above ${rule.above}` : null, rule.below !== undefined ? `below ${rule.below}` : null].filter(Boolean);
  return `${parts.join(' or ')}${rule.forSeconds > 0 ? ` for ${rule.forSeconds} s` : ''}`;
}

function oneLine(n: AlertNotice): string {
  const name = seriesName(n.labels);
  if (n.rule.siteDependency && n.kind !== 'resolved') {
    const muted = n.mutedBehind?.length ?? 0;
    return `${HEADLINE[n.kind]} ${n.rule.severity} ${n.rule.name}: site ${n.labels.site ?? name} ${n.rule.siteDependency} down${muted ? `; ${muted} alert(s) muted` : ''}`;
  }
  if (n.kind === 'nodata' || (n.kind === 'reminder' && n.value === null)) {
    return `${HEADLINE[n.kind]} ${n.rule.severity} ${n.rule.name}: ${name} ${n.lastSampleAt ? `has not reported since ${n.lastSampleAt.toISOString()}` : 'has never reported'}`;
  }
  if (n.kind === 'resolved') return `${HEADLINE[n.kind]} ${n.rule.name}: ${name} (${n.rule.metric} = ${formatValue(n.value)})`;
  return `${HEADLINE[n.kind]} ${n.rule.severity} ${n.rule.name}: ${name} ${n.rule.metric} = ${formatValue(n.value)} (${threshold(n.rule)})`;
}

function details(n: AlertNotice, now: Date): string[] {
  const lines = [oneLine(n)];
  lines.push(`  metric:    ${n.rule.metric} = ${formatValue(n.value)}; threshold ${threshold(n.rule)}`);
  if (n.firingSince) {
    const minutes = Math.round((now.getTime() - n.firingSince.getTime()) / 60_000);
    lines.push(`  ${n.kind === 'resolved' ? 'lasted:   ' : 'since:    '} ${n.kind === 'resolved' ? `${minutes} min (from ${n.firingSince.toISOString()})` : `${n.firingSince.toISOString()} (${minutes} min)`}`);
  }
  if (n.lastSampleAt && n.value === null) lines.push(`  last seen: ${n.lastSampleAt.toISOString()}`);
  lines.push(`  series:    ${seriesKey(n.labels) || '(all)'}`);
  if (n.mutedBehind?.length) {
    lines.push(`  While site ${n.labels.site}'s ${n.rule.siteDependency} is down, these alerts are muted (no separate mail):`);
    for (const m of n.mutedBehind) lines.push(`    - ${m}`);
  }
  return lines;
}

export function renderAlertMail(notices: AlertNotice[], context: { campaign: string; now: Date }): { subject: string; text: string } {
  if (notices.length === 0) throw new Error('renderAlertMail needs at least one notice');
  const prefix = `[fieldops ${context.campaign}]`;
  // Bad news first, in the subject and the body.
  const order: NotificationKind[] = ['firing', 'nodata', 'reminder', 'resolved'];
  const sorted = [...notices].sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
  let subject: string;
  if (notices.length === 1) {
    subject = `${prefix} ${oneLine(notices[0]!)}`;
  } else {
    const counts = new Map<string, number>();
    for (const n of sorted) counts.set(HEADLINE[n.kind], (counts.get(HEADLINE[n.kind]) ?? 0) + 1);
    const summary = [...counts].map(([k, c]) => `${c} ${k.toLowerCase()}`).join(', ');
    const names = sorted.slice(0, 4).map((n) => `${n.rule.name} ${seriesName(n.labels)}`).join(', ');
    subject = `${prefix} ${summary}: ${names}${notices.length > 4 ? ', …' : ''}`;
  }
  const body = sorted.flatMap((n) => [...details(n, context.now), '']);
  body.push(`Evaluated at ${context.now.toISOString()}. Silence an alert on the operations page, or add a maintenance window to the config.`);
  return { subject: subject.slice(0, 250), text: body.join('\n') };
}

/** The key that makes re-enqueueing the same notification harmless (outbox.dedupe_key is unique). */
export function noticeDedupeKey(kind: NotificationKind, alertId: number, firingSince: Date | null, now: Date, reminderEverySeconds?: number): string {
  const episode = firingSince?.getTime() ?? 0;
  if (kind === 'reminder' && reminderEverySeconds) {
    const n = Math.floor((now.getTime() - episode) / (reminderEverySeconds * 1000));
    return `alert:${alertId}:${episode}:reminder:${n}`;
  }
  return `alert:${alertId}:${episode}:${kind}`;
}
