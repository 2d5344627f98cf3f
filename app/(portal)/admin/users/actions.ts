'use server';
// Admin actions on users. Each checks the admin session and Origin itself, then goes through
// lib/auth/accounts.ts (which audits and refuses to remove the last admin).
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getDb } from '@/db/client';
import { changeUserRole, createUser, setUserDisabled } from '@/lib/auth/accounts';
import { AccessInputError } from '@/lib/auth/errors';
import { requireActionUser } from '@/lib/auth/session';

export interface CreateUserState {
  error?: string;
  created?: { email: string; role: string; password: string | null };
}

export async function createUserAction(_previous: CreateUserState, formData: FormData): Promise<CreateUserState> {
  const { user, address } = await requireActionUser('admin');
  const password = String(formData.get('password') ?? '');
  try {
    const created = await createUser(getDb(), {
      email: String(formData.get('email') ?? ''),
      role: String(formData.get('role') ?? ''),
      name: String(formData.get('name') ?? '') || null,
      password: password === '' ? undefined : password,
    }, { actor: user.email, address });
    revalidatePath('/admin/users');
    return { created: { email: created.user.email, role: created.user.role, password: created.generatedPassword } };
  } catch (error) {
    if (error instanceof AccessInputError) return { error: error.message };
    throw error;
  }
}

export async function changeRoleAction(formData: FormData): Promise<void> {
  const { user, address } = await requireActionUser('admin');
  await outcome(() => changeUserRole(getDb(), String(formData.get('userId')), String(formData.get('role')), { actor: user.email, address }));
}

export async function setDisabledAction(formData: FormData): Promise<void> {
  const { user, address } = await requireActionUser('admin');
  const disabled = formData.get('disabled') === 'true';
  await outcome(() => setUserDisabled(getDb(), String(formData.get('userId')), disabled, { actor: user.email, address }));
}

/** Back to the list, with the message when the change was refused. */
async function outcome(change: () => Promise<unknown>): Promise<never> {
  try {
    await change();
  } catch (error) {
    if (error instanceof AccessInputError) redirect(`/admin/users?error=${encodeURIComponent(error.message)}`);
    throw error;
  }
  revalidatePath('/admin/users');
  redirect('/admin/users');
}
