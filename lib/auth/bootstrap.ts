// The first admin: on a fresh database `fieldops start` creates one with a random password and prints it
// once, so a new site can sign in without any extra step. Never runs again once any user exists.
import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { countUsers } from '../../db/queries/users';
import { boxed } from '../cli/format';
import { createUser } from './accounts';

export async function ensureFirstAdmin(db: Database, email: string): Promise<{ email: string; password: string } | null> {
  return db.transaction(async (tx) => {
    // Several supervisors on one database (several hosts) must not each create an admin.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('fieldops.first-admin'))`);
    if ((await countUsers(tx)) > 0) return null;
    const { user, generatedPassword } = await createUser(tx, { email, role: 'admin', name: 'Administrator' }, { actor: 'system' });
    return { email: user.email, password: generatedPassword! };
  });
}

/** The boxed block the supervisor prints: the only time anyone sees this password. */
export function formatFirstAdminNotice(admin: { email: string; password: string }): string {
  const lines = [
    'First start: an admin account was created.',
    '',
    `  email:     ${admin.email}`,
    `  password:  ${admin.password}`,
    '',
    'This password is shown only this once. Sign in and create',
    'more users with `fieldops user add` or on /admin/users.',
    'Lost it? `fieldops user reset-password --email <email>`.',
  ];
  return boxed(lines);
}
