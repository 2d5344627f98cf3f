'use server';
// The outbox page's retry button. Audited in lib/ops/control/outbox-actions.ts.
import { getDb } from '@/db/client';
import { runControl } from '../_lib/run-control';
import { retryOutbox } from '@/lib/ops/control/outbox-actions';

export async function retryOutboxAction(form: FormData): Promise<void> {
  await runControl('/ops/outbox', async (who) => {
    const id = Number(form.get('messageId'));
    await retryOutbox(getDb(), id, who);
    return `message ${id} queued again`;
  });
}
