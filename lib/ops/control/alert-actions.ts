// Operator actions on alerts: acknowledge one, silence the series of one (a matcher made from its labels,
// for a duration, with a reason), end a silence early. Each is audited.
import type { Queryable } from '../../../db/client';
import { createSilence, expireSilence } from '../../../db/queries/alerts';
import { acknowledgeAlert, getAlert } from '../../../db/queries/ops-control';
import type { Silence } from '../../../db/schema';
import { recordAudit } from '../../auth/audit';
import { ControlInputError, type ControlActor } from './actor';

const UNIT_SECONDS = { m: 60, h: 3600, d: 86_400 } as const;
const MAX_SILENCE_SECONDS = 30 * 86_400;

/** `30m`, `4h`, `2d` → seconds; at most 30 days. */
export function parseSilenceDuration(text: string): number {
  const match = /^(\d{1,4})([mhd])$/.exec(text.trim());
  const seconds = match ? Number(match[1]) * UNIT_SECONDS[match[2] as keyof typeof UNIT_SECONDS] : NaN;
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > MAX_SILENCE_SECONDS) {
    throw new ControlInputError('duration: a number and m, h or d (like 30m, 4h, 2d), at most 30 days');
  }
  return seconds;
}

function checkId(id: number, what: string): void {
  if (!Number.isSafeInteger(id) || id <= 0) throw new ControlInputError(`not ${what} id`);
}

export async function acknowledgeAlertAs(db: Queryable, alertId: number, who: ControlActor): Promise<void> {
  checkId(alertId, 'an alert');
  const alert = await getAlert(db, alertId);
  if (!alert) throw new ControlInputError(`no alert ${alertId}`);
  await acknowledgeAlert(db, alertId, who.actor);
  await recordAudit({ actor: who.actor, address: who.address, action: 'alert.acknowledge', target: `${alert.ruleName} ${alert.seriesKey}`, details: { alertId, state: alert.state } }, db);
}

export async function silenceFromAlert(
  db: Queryable, request: { alertId: number; labelKeys: string[]; duration: string; reason: string }, who: ControlActor, now: Date = new Date(),
): Promise<Silence> {
  checkId(request.alertId, 'an alert');
  const alert = await getAlert(db, request.alertId);
  if (!alert) throw new ControlInputError(`no alert ${request.alertId}`);
  const seconds = parseSilenceDuration(request.duration);
  const reason = request.reason.trim();
  if (!reason) throw new ControlInputError('reason: say why (it is shown to everyone who sees the alert)');
  if (reason.length > 500) throw new ControlInputError('reason: at most 500 characters');
  // Only the alert's own labels: a silence from an alert can never be wider than "this series".
  const matcher: Record<string, string> = {};
  for (const key of request.labelKeys) if (Object.hasOwn(alert.labels, key)) matcher[key] = alert.labels[key]!;
  if (Object.keys(matcher).length === 0) throw new ControlInputError('pick at least one label to match');
  const silence = await createSilence(db, { matcher, startsAt: now, endsAt: new Date(now.getTime() + seconds * 1000), createdBy: who.actor, reason });
  await recordAudit({ actor: who.actor, address: who.address, action: 'silence.create', target: JSON.stringify(matcher),
    details: { silenceId: silence.id, alertId: alert.id, seconds, reason } }, db);
  return silence;
}

export async function endSilence(db: Queryable, silenceId: number, who: ControlActor): Promise<void> {
  checkId(silenceId, 'a silence');
  await expireSilence(db, silenceId);
  await recordAudit({ actor: who.actor, address: who.address, action: 'silence.expire', target: String(silenceId) }, db);
}
