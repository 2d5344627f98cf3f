'use server';
// Sign-in and sign-out as server actions. Each checks Origin itself (Next lets a POST without one through).
import { AuthError, CredentialsSignin } from 'next-auth';
import { headers } from 'next/headers';
import { forbidden } from 'next/navigation';
import { recordAudit } from '@/lib/auth/audit';
import { clientAddressFrom } from '@/lib/auth/client-address';
import { signIn, signOut } from '@/lib/auth/config';
import { isSameOriginRequest } from '@/lib/auth/same-origin';
import { getCurrentUser, isLocalPath } from '@/lib/auth/session';

export interface SignInState {
  error?: string;
  email?: string;
}

const CROSS_SITE = 'This form must be sent from the fieldops site itself.';

function returnPath(formData: FormData): string {
  const value = formData.get('callbackUrl');
  return typeof value === 'string' && isLocalPath(value) ? value : '/';
}

export async function signInWithPassword(_previous: SignInState, formData: FormData): Promise<SignInState> {
  const email = String(formData.get('email') ?? '');
  if (!isSameOriginRequest('POST', await headers())) return { error: CROSS_SITE, email };
  try {
    await signIn('credentials', { email, password: String(formData.get('password') ?? ''), redirectTo: returnPath(formData) });
  } catch (error) {
    if (error instanceof CredentialsSignin && error.code === 'throttled') {
      return { error: 'Too many failed sign-ins for this account or address. Wait a few minutes, then try again.', email };
    }
    if (error instanceof AuthError) return { error: 'Wrong email or password.', email };
    throw error; // the redirect after a successful sign-in
  }
  return {};
}

export async function signInWithOidc(formData: FormData): Promise<void> {
  if (!isSameOriginRequest('POST', await headers())) forbidden();
  await signIn('oidc', { redirectTo: returnPath(formData) });
}

export async function signOutAction(): Promise<void> {
  const requestHeaders = await headers();
  if (!isSameOriginRequest('POST', requestHeaders)) forbidden();
  const user = await getCurrentUser();
  if (user) await recordAudit({ actor: user.email, action: 'auth.signout', address: clientAddressFrom(requestHeaders) });
  await signOut({ redirectTo: '/signin' });
}
