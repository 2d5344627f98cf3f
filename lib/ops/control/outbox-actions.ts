// The outbox page's retry: a failed message goes back to pending with its attempts reset. Audited.
import type { Queryable } from '../../../db/client';
import { retryOutboxMessage } from '../../../db/queries/outbox';
import { getOutboxMessageState } from '../../../db/queries/ops-control';
import { recordAudit } from '../../auth/audit';
import { ControlInputError, type ControlActor } from './actor';

export async function retryOutbox(db: Queryable, id: number, who: ControlActor): Promise<void> {
  if (!Number.isSafeInteger(id) || id <= 0) throw new ControlInputError('not a message id');
  const message = await getOutboxMessageState(db, id);
  if (!message) throw new ControlInputError(`no message ${id}`);
  if (message.state !== 'failed') throw new ControlInputError(`message ${id} is ${message.state}, not failed: nothing to retry`);
  await retryOutboxMessage(db, id);
  await recordAudit({ actor: who.actor, address: who.address, action: 'outbox.retry', target: String(id), details: { subject: message.subject } }, db);
}
