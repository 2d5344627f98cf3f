'use server';
// The outbox page's retry button. Audited in lib/ops/control/outbox-actions.ts.
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getDb } from '@/db/client';
import { requireActionUser } from '@/lib/auth/session';
import { ControlInputError } from '@/lib/ops/control/actor';
import { retryOutbox } from '@/lib/ops/control/outbox-actions';

export async function retryOutboxAction(form: FormData): Promise<void> {
  const { user, address } = await requireActionUser('operator');
  const id = Number(form.get('messageId'));
  try {
    await retryOutbox(getDb(), id, { actor: user.email, address });
  } catch (error) {
    if (error instanceof ControlInputError) redirect(`/ops/outbox?error=${encodeURIComponent(error.message)}`);
    throw error;
  }
  revalidatePath('/ops/outbox');
  redirect(`/ops/outbox?done=${encodeURIComponent(`message ${id} queued again`)}`);
}
