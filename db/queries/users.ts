// Reads and writes of portal users. Emails are stored lowercased (a CHECK enforces it), so every lookup
// lowercases its input first.
import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { Queryable } from '../client';
import { type NewUser, type User, type UserRole, users } from '../schema';

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function findUserByEmail(db: Queryable, email: string): Promise<User | undefined> {
  const [user] = await db.select().from(users).where(eq(users.email, normalizeEmail(email)));
  return user;
}

export async function getUserById(db: Queryable, id: string): Promise<User | undefined> {
  const [user] = await db.select().from(users).where(eq(users.id, id));
  return user;
}

/** The user with this id, unless there is none or the account is disabled: whom a session may act as. */
export async function getEnabledUser(db: Queryable, id: string): Promise<User | null> {
  const [user] = await db.select().from(users).where(and(eq(users.id, id), eq(users.disabled, false)));
  return user ?? null;
}

export async function listUsers(db: Queryable): Promise<User[]> {
  return db.select().from(users).orderBy(asc(users.email));
}

export async function countUsers(db: Queryable): Promise<number> {
  const [row] = await db.select({ n: count() }).from(users);
  return row?.n ?? 0;
}

export async function countEnabledAdmins(db: Queryable): Promise<number> {
  const [row] = await db.select({ n: count() }).from(users).where(and(eq(users.role, 'admin'), eq(users.disabled, false)));
  return row?.n ?? 0;
}

/** Inserts a user; returns undefined when the email is taken. */
export async function insertUser(db: Queryable, user: NewUser): Promise<User | undefined> {
  const [row] = await db
    .insert(users)
    .values({ ...user, email: normalizeEmail(user.email) })
    .onConflictDoNothing({ target: users.email })
    .returning();
  return row;
}

export async function updateUser(
  db: Queryable,
  id: string,
  patch: { role?: UserRole; disabled?: boolean; passwordHash?: string | null },
): Promise<User | undefined> {
  const [row] = await db.update(users).set(patch).where(eq(users.id, id)).returning();
  return row;
}

export async function markUserSignedIn(db: Queryable, id: string): Promise<void> {
  await db.update(users).set({ lastSignInAt: sql`now()` }).where(eq(users.id, id));
}
