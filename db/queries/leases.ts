// Named leases with fencing tokens (table `leases`). Acquiring a free or expired lease bumps its token, so a
// holder that stalled past its expiry and woke up again can be told apart from the one that replaced it:
// every fenced write checks the token under a row lock, and the new holder's acquire waits for that lock.
import { sql } from 'drizzle-orm';
import type { Database } from '../client';

export type Executor = Pick<Database, 'execute'>;

export class LeaseLostError extends Error {}

export interface LeaseGrant {
  name: string;
  holder: string;
  token: number;
}

/** Takes the lease if it is free, expired, or already ours; null when someone else holds it. */
export async function acquireLease(db: Executor, name: string, holder: string, ttlSeconds: number): Promise<LeaseGrant | null> {
  const result = await db.execute<{ fencing_token: string }>(sql`
    INSERT INTO leases (name, holder, fencing_token, acquired_at, expires_at)
    VALUES (${name}, ${holder}, 1, now(), now() + make_interval(secs => ${ttlSeconds}))
    ON CONFLICT (name) DO UPDATE
      SET holder = EXCLUDED.holder, fencing_token = leases.fencing_token + 1, acquired_at = now(), expires_at = EXCLUDED.expires_at
      WHERE leases.expires_at <= now() OR leases.holder = EXCLUDED.holder
    RETURNING fencing_token`);
  const row = result.rows[0];
  return row ? { name, holder, token: Number(row.fencing_token) } : null;
}

/** Extends our lease; false when it is no longer ours (expired and taken, or released). */
export async function renewLease(db: Executor, grant: LeaseGrant, ttlSeconds: number): Promise<boolean> {
  const result = await db.execute(sql`
    UPDATE leases SET expires_at = now() + make_interval(secs => ${ttlSeconds})
    WHERE name = ${grant.name} AND holder = ${grant.holder} AND fencing_token = ${grant.token}
    RETURNING name`);
  return result.rows.length > 0;
}

/** Lets the next holder in at once instead of after the expiry. */
export async function releaseLease(db: Executor, grant: LeaseGrant): Promise<void> {
  await db.execute(sql`
    UPDATE leases SET expires_at = now()
    WHERE name = ${grant.name} AND holder = ${grant.holder} AND fencing_token = ${grant.token}`);
}

/**
 * Inside a write transaction: proves the lease is still ours and holds its row until commit, so the token
 * cannot change under the write. Throws LeaseLostError otherwise (the write must not happen).
 */
export async function assertLeaseHeld(tx: Executor, grant: LeaseGrant): Promise<void> {
  const result = await tx.execute<{ holder: string; fencing_token: string }>(sql`
    SELECT holder, fencing_token FROM leases WHERE name = ${grant.name} FOR SHARE`);
  const row = result.rows[0];
  if (!row || row.holder !== grant.holder || Number(row.fencing_token) !== grant.token) {
    throw new LeaseLostError(`lease ${grant.name} is no longer held by ${grant.holder} (token ${grant.token}); now ${row ? `${row.holder} (token ${row.fencing_token})` : 'nobody'}`);
  }
}

export async function getLease(db: Executor, name: string): Promise<{ holder: string; token: number; expiresAt: Date } | null> {
  const result = await db.execute<{ holder: string; fencing_token: string; expires_at: string | Date }>(sql`
    SELECT holder, fencing_token, expires_at FROM leases WHERE name = ${name}`);
  const row = result.rows[0];
  return row ? { holder: row.holder, token: Number(row.fencing_token), expiresAt: new Date(row.expires_at) } : null;
}
