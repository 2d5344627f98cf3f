// Sign-in attempts per throttling key (`email:<address>` or `ip:<address>`), for lib/auth/throttle.ts.
import { and, desc, eq, gte, lt } from 'drizzle-orm';
import { type LoginAttempt, loginAttempts } from '../schema';
import type { Queryable } from '../client';

/** The newest attempts of one key since `since`, newest first. */
export async function listRecentLoginAttempts(db: Queryable, key: string, since: Date, limit = 100): Promise<LoginAttempt[]> {
  return db
    .select()
    .from(loginAttempts)
    .where(and(eq(loginAttempts.key, key), gte(loginAttempts.at, since)))
    .orderBy(desc(loginAttempts.at))
    .limit(limit);
}

export async function insertLoginAttempts(db: Queryable, keys: string[], succeeded: boolean, at: Date): Promise<void> {
  if (keys.length === 0) return;
  await db.insert(loginAttempts).values(keys.map((key) => ({ key, succeeded, at })));
}

/** Drops attempts older than `before` (they no longer count), so the table holds about a day of attempts. */
export async function pruneLoginAttempts(db: Queryable, before: Date): Promise<void> {
  await db.delete(loginAttempts).where(lt(loginAttempts.at, before));
}
