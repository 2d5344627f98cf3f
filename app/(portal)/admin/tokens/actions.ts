'use server';
// Admin actions on partner API tokens; the secret of a new token is returned once and never stored.
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getDb } from '@/db/client';
import { createApiToken, revokeToken } from '@/lib/auth/api-tokens';
import { AccessInputError } from '@/lib/auth/errors';
import { requireActionUser } from '@/lib/auth/session';

export interface CreateTokenState {
  error?: string;
  created?: { name: string; token: string; expiresAt: string };
}

export async function createTokenAction(_previous: CreateTokenState, formData: FormData): Promise<CreateTokenState> {
  const { user, address } = await requireActionUser('admin');
  const instruments = formData.getAll('instruments').map(String);
  try {
    const { token, row } = await createApiToken(getDb(), {
      name: String(formData.get('name') ?? ''),
      instruments: formData.get('all') === 'on' ? ['*'] : instruments,
      expires: String(formData.get('expires') ?? '90d'),
    }, { actor: user.email, address });
    revalidatePath('/admin/tokens');
    return { created: { name: row.name, token, expiresAt: row.expiresAt!.toISOString() } };
  } catch (error) {
    if (error instanceof AccessInputError) return { error: error.message };
    throw error;
  }
}

export async function revokeTokenAction(formData: FormData): Promise<void> {
  const { user, address } = await requireActionUser('admin');
  try {
    await revokeToken(getDb(), { id: Number(formData.get('tokenId')) }, { actor: user.email, address });
  } catch (error) {
    if (error instanceof AccessInputError) redirect(`/admin/tokens?error=${encodeURIComponent(error.message)}`);
    throw error;
  }
  revalidatePath('/admin/tokens');
  redirect('/admin/tokens');
}
