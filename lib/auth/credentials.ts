// Email + password sign-in, independent of next-auth so it can be tested directly: throttling per account
// and per address, a constant-time-ish answer whether or not the account exists, an audit entry each time.
import type { Database } from '../../db/client';
import { findUserByEmail, markUserSignedIn, normalizeEmail, updateUser } from '../../db/queries/users';
import type { User } from '../../db/schema';
import { recordAudit } from './audit';
import { burnPasswordCheck, hashPassword, needsRehash, verifyPassword } from './password';
import { recordSignInAttempt, signInWaitMs, throttleKeys, tryLockAccount } from './throttle';

export type CredentialsResult =
  | { ok: true; user: User }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'throttled'; retryAfterSeconds: number };

type Failure = 'unknown_user' | 'no_password' | 'wrong_password' | 'disabled';

export async function authorizeCredentials(
  db: Database,
  input: { email: unknown; password: unknown; address: string | null },
  now = new Date(),
): Promise<CredentialsResult> {
  if (typeof input.email !== 'string' || typeof input.password !== 'string') return { ok: false, reason: 'invalid' };
  const email = normalizeEmail(input.email).slice(0, 320);
  const password = input.password;
  if (!email || !password) return { ok: false, reason: 'invalid' };
  const keys = throttleKeys(email, input.address);

  const outcome = await db.transaction(async (tx) => {
    if (!(await tryLockAccount(tx, keys))) return { kind: 'throttled' as const, retryAfterSeconds: 1 };
    const waitMs = await signInWaitMs(tx, keys, now);
    if (waitMs > 0) return { kind: 'throttled' as const, retryAfterSeconds: Math.ceil(waitMs / 1000) };
    const user = await findUserByEmail(tx, email);
    let failure: Failure | null = null;
    if (!user) {
      await burnPasswordCheck(password);
      failure = 'unknown_user';
    } else if (!user.passwordHash) {
      await burnPasswordCheck(password);
      failure = 'no_password';
    } else if (!(await verifyPassword(password, user.passwordHash))) {
      failure = 'wrong_password';
    } else if (user.disabled) {
      failure = 'disabled';
    }
    await recordSignInAttempt(tx, keys, failure === null, now);
    if (failure || !user) return { kind: 'failed' as const, failure: failure ?? 'unknown_user' };
    await markUserSignedIn(tx, user.id);
    if (needsRehash(user.passwordHash!)) await updateUser(tx, user.id, { passwordHash: await hashPassword(password) });
    return { kind: 'ok' as const, user };
  });

  const base = { actor: email, address: input.address, target: email };
  if (outcome.kind === 'throttled') {
    await recordAudit({ ...base, action: 'auth.signin_throttled', details: { retryAfterSeconds: outcome.retryAfterSeconds } }, db);
    return { ok: false, reason: 'throttled', retryAfterSeconds: outcome.retryAfterSeconds };
  }
  if (outcome.kind === 'failed') {
    await recordAudit({ ...base, action: 'auth.signin_failed', details: { provider: 'credentials', reason: outcome.failure } }, db);
    return { ok: false, reason: 'invalid' };
  }
  await recordAudit({ ...base, action: 'auth.signin', details: { provider: 'credentials' } }, db);
  return { ok: true, user: outcome.user };
}
