// The shape every operator action of the ops pages shares: check the role and origin, act (lib/ops/control
// writes the audit log), then come back to the page with what happened, or with what was wrong when the
// input was refused.
import 'server-only';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { requireActionUser } from '@/lib/auth/session';
import { ControlInputError, type ControlActor } from '@/lib/ops/control/actor';

export async function runControl(page: string, work: (who: ControlActor) => Promise<string>): Promise<never> {
  const { user, address } = await requireActionUser('operator');
  let message: string;
  try {
    message = await work({ actor: user.email, address });
  } catch (error) {
    if (error instanceof ControlInputError) redirect(`${page}?error=${encodeURIComponent(error.message)}`);
    throw error;
  }
  revalidatePath(page);
  redirect(`${page}?done=${encodeURIComponent(message)}`);
}
