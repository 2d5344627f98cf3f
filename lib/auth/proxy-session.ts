// The session check for pages served from Next's page cache (the overview): those pages render without a
// request, so the proxy is the only place that sees who asks for them. The same rules as getCurrentUser
// (lib/auth/session.ts): a session cookie that decrypts and has not expired, naming a user who exists and is
// not disabled; the role is read from the users row, not the cookie.
import 'server-only';
import { getToken } from 'next-auth/jwt';
import { getDb } from '../../db/client';
import { getEnabledUser } from '../../db/queries/users';
import type { User } from '../../db/schema';
import { getEnv } from '../env';
import { loadAuthSecret } from './secret';

const SECURE_SESSION_COOKIE = '__Secure-authjs.session-token';
const REMEMBERED_SESSIONS = 1000;

let secret: string | undefined;
/**
 * Cookie header → the user id its session names and when it expires. A session cookie never changes once
 * issued, so one that decrypted once decrypts the same way again: remembering it saves the key derivation
 * and decryption on every further page of that visit. Bounded; the oldest entry goes first.
 */
const sessions = new Map<string, { userId: string; expiresAtMs: number }>();

export async function userFromSessionCookie(cookieHeader: string | null): Promise<User | null> {
  if (!cookieHeader) return null;
  const userId = await sessionUserId(cookieHeader);
  if (!userId) return null;
  return getEnabledUser(getDb(), userId);
}

async function sessionUserId(cookieHeader: string): Promise<string | null> {
  const known = sessions.get(cookieHeader);
  if (known && known.expiresAtMs > Date.now()) return known.userId;
  if (known) sessions.delete(cookieHeader);
  secret ??= loadAuthSecret(getEnv());
  // Only the cookie: getToken would also take a Bearer header, and a page never authenticates that way.
  const token = await getToken({
    req: { headers: { cookie: cookieHeader } },
    secret,
    secureCookie: cookieHeader.includes(SECURE_SESSION_COOKIE),
  });
  const userId = token?.uid;
  if (typeof userId !== 'string' || typeof token?.exp !== 'number') return null;
  if (sessions.size >= REMEMBERED_SESSIONS) sessions.delete(sessions.keys().next().value!);
  sessions.set(cookieHeader, { userId, expiresAtMs: token.exp * 1000 });
  return userId;
}
