// Session checks for pages and server actions. The JWT in the cookie only says who signed in; the role and
// the disabled flag are read from the users row on every request (once per request, via React's cache), so
// an admin's change takes effect on the user's next click.
import 'server-only';
import { forbidden, redirect } from 'next/navigation';
import { headers } from 'next/headers';
import { cache } from 'react';
import { getDb } from '../../db/client';
import { getEnabledUser } from '../../db/queries/users';
import type { User } from '../../db/schema';
import { clientAddressFrom } from './client-address';
import { auth } from './config';
import { type PortalRole, roleAllows } from './roles';
import { isSameOriginRequest } from './same-origin';

/** The signed-in, enabled user of this request, or null. */
export const getCurrentUser = cache(async (): Promise<User | null> => {
  const session = await auth();
  const id = (session?.user as { id?: unknown } | undefined)?.id;
  if (typeof id !== 'string') return null;
  return getEnabledUser(getDb(), id);
});

/**
 * The current user if their role allows `role`. Otherwise: no (valid) session → redirect to sign-in
 * (coming back to `returnTo`); too little role, or a partner (API only) → 403.
 */
export async function requireUser(role: PortalRole, returnTo?: string): Promise<User> {
  const user = await getCurrentUser();
  if (!user) redirect(signInPath(returnTo));
  if (!roleAllows(user.role, role)) forbidden();
  return user;
}

/** For server actions: the role check plus a same-origin check (403 for a cross-site post). */
export async function requireActionUser(role: PortalRole): Promise<{ user: User; address: string | null }> {
  const requestHeaders = await headers();
  if (!isSameOriginRequest('POST', requestHeaders)) forbidden();
  const user = await requireUser(role);
  return { user, address: clientAddressFrom(requestHeaders) };
}

export function signInPath(returnTo?: string): string {
  return returnTo && isLocalPath(returnTo) ? `/signin?callbackUrl=${encodeURIComponent(returnTo)}` : '/signin';
}

/** A path on this site (`/x`), never `//host` or a URL: safe to redirect to after sign-in. */
export function isLocalPath(path: string): boolean {
  return path.startsWith('/') && !path.startsWith('//') && !path.startsWith('/\\');
}
