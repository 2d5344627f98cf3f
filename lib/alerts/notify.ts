// From notices to outbox rows: one mail per set of recipients per evaluation, with a dedupe key made of its
// notices' keys, so an evaluation that is repeated (a retry, a second worker) adds no second mail.
import crypto from 'node:crypto';
import { enqueueOutbox, type Executor } from '../../db/queries/outbox';
import type { FieldopsConfig } from '../config/schema';
import { renderAlertMail, type AlertNotice } from './messages';

export interface EnqueueResult {
  mails: number;
  /** Notices nobody could be told about (no recipients configured). */
  undelivered: number;
}

export function recipientsFor(config: FieldopsConfig, ruleName: string): string[] {
  const rule = config.alerts.rules.find((r) => r.name === ruleName);
  return rule?.to ?? config.alerts.email?.to ?? [];
}

export async function enqueueNotices(tx: Executor, notices: AlertNotice[], config: FieldopsConfig, now: Date): Promise<EnqueueResult> {
  const groups = new Map<string, { to: string[]; notices: AlertNotice[] }>();
  let undelivered = 0;
  for (const notice of notices) {
    const to = [...new Set(recipientsFor(config, notice.rule.name))].sort();
    if (to.length === 0) {
      undelivered += 1;
      continue;
    }
    const key = to.join(',');
    const group = groups.get(key) ?? { to, notices: [] };
    group.notices.push(notice);
    groups.set(key, group);
  }
  let mails = 0;
  for (const { to, notices: group } of groups.values()) {
    const { subject, text } = renderAlertMail(group, { campaign: config.campaign.name, now });
    const keys = group.map((n) => n.dedupeKey).sort();
    const dedupeKey = keys.length === 1 ? `${keys[0]}:${to.join(',')}` : `alerts:${crypto.createHash('sha256').update(`${keys.join('\n')}\n${to.join(',')}`).digest('hex').slice(0, 40)}`;
    if ((await enqueueOutbox(tx, { kind: 'alert', to, subject, text, dedupeKey, notBefore: now })) !== null) mails += 1;
  }
  return { mails, undelivered };
}
