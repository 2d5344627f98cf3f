// Slows down repeated failed sign-ins, per account and per client address, from the login_attempts rows.
// Past a number of free failures, each further failure doubles the wait before the next attempt is even
// checked (30 s, 1 min, 2 min, ... capped at 15 min), so guessing is limited to a few tries an hour while a
// user who mistypes a few times is not locked out. An account's count restarts at its next successful
// sign-in; an address's does not (an attacker could otherwise reset it by signing in to their own account).
import { sql } from 'drizzle-orm';
import { insertLoginAttempts, listRecentLoginAttempts, pruneLoginAttempts } from '../../db/queries/login-attempts';
import type { Queryable } from '../../db/client';

export const THROTTLE_POLICY = {
  account: { freeFailures: 5, windowMs: 24 * 3_600_000, resetOnSuccess: true },
  address: { freeFailures: 20, windowMs: 3_600_000, resetOnSuccess: false },
  baseDelayMs: 30_000,
  maxDelayMs: 15 * 60_000,
} as const;

type KeyPolicy = (typeof THROTTLE_POLICY)['account' | 'address'];

export interface Attempt {
  at: Date;
  succeeded: boolean;
}

/** How long (ms) a key must still wait, given its attempts newest first; 0 when it may try now. */
export function throttleWaitMs(attempts: readonly Attempt[], policy: KeyPolicy, now: Date): number {
  const inWindow = attempts.filter((a) => now.getTime() - a.at.getTime() < policy.windowMs);
  const lastSuccess = policy.resetOnSuccess ? inWindow.findIndex((a) => a.succeeded) : -1;
  const failures = (lastSuccess === -1 ? inWindow : inWindow.slice(0, lastSuccess)).filter((a) => !a.succeeded);
  if (failures.length < policy.freeFailures) return 0;
  const delay = Math.min(THROTTLE_POLICY.maxDelayMs, THROTTLE_POLICY.baseDelayMs * 2 ** (failures.length - policy.freeFailures));
  return Math.max(0, failures[0]!.at.getTime() + delay - now.getTime());
}

export interface ThrottleKeys {
  account: string;
  address: string | null;
}

export function throttleKeys(email: string, address: string | null): ThrottleKeys {
  return { account: `email:${email}`, address: address ? `ip:${address}` : null };
}

const keyList = (keys: ThrottleKeys) => [keys.account, ...(keys.address ? [keys.address] : [])];

/**
 * Takes the account's sign-in lock until the surrounding transaction ends, so a burst of parallel guesses
 * cannot all pass the check before any failure is recorded. It does not wait: an attempt that finds another
 * one in progress for the same account counts as throttled, so a flood never ties up database connections.
 * Addresses are not locked (a site behind one NAT may sign in many people at once); their higher limit
 * can be overshot by at most the number of concurrent requests.
 */
export async function tryLockAccount(tx: Queryable, keys: ThrottleKeys): Promise<boolean> {
  const result = await tx.execute<{ locked: boolean }>(sql`SELECT pg_try_advisory_xact_lock(hashtext(${`fieldops.signin.${keys.account}`})) AS locked`);
  return result.rows[0]?.locked === true;
}

/** The wait (ms) before the account and address may try again; 0 when both may. */
export async function signInWaitMs(db: Queryable, keys: ThrottleKeys, now: Date): Promise<number> {
  const since = (policy: KeyPolicy) => new Date(now.getTime() - policy.windowMs);
  const account = await listRecentLoginAttempts(db, keys.account, since(THROTTLE_POLICY.account));
  let wait = throttleWaitMs(account, THROTTLE_POLICY.account, now);
  if (keys.address) {
    const address = await listRecentLoginAttempts(db, keys.address, since(THROTTLE_POLICY.address));
    wait = Math.max(wait, throttleWaitMs(address, THROTTLE_POLICY.address, now));
  }
  return wait;
}

export async function recordSignInAttempt(db: Queryable, keys: ThrottleKeys, succeeded: boolean, now: Date): Promise<void> {
  await insertLoginAttempts(db, keyList(keys), succeeded, now);
  const longest = Math.max(THROTTLE_POLICY.account.windowMs, THROTTLE_POLICY.address.windowMs);
  await pruneLoginAttempts(db, new Date(now.getTime() - longest));
}
