// Partner API tokens: stored as the SHA-256 of the secret, looked up by that hash on every API request.
import { desc, eq, isNull, and, sql } from 'drizzle-orm';
import { type ApiToken, apiTokens, type NewApiToken } from '../schema';
import type { Queryable } from '../client';

/** Inserts a token; returns undefined when the name is taken. */
export async function insertApiToken(db: Queryable, token: NewApiToken): Promise<ApiToken | undefined> {
  const [row] = await db.insert(apiTokens).values(token).onConflictDoNothing({ target: apiTokens.name }).returning();
  return row;
}

export async function findApiTokenByHash(db: Queryable, tokenHash: string): Promise<ApiToken | undefined> {
  const [row] = await db.select().from(apiTokens).where(eq(apiTokens.tokenHash, tokenHash));
  return row;
}

export async function listApiTokens(db: Queryable): Promise<ApiToken[]> {
  return db.select().from(apiTokens).orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
}

/** Revokes a live token by name or id; undefined when there is none (unknown, or already revoked). */
export async function revokeApiToken(db: Queryable, which: { name: string } | { id: number }): Promise<ApiToken | undefined> {
  const match = 'name' in which ? eq(apiTokens.name, which.name) : eq(apiTokens.id, which.id);
  const [row] = await db
    .update(apiTokens)
    .set({ revokedAt: sql`now()` })
    .where(and(match, isNull(apiTokens.revokedAt)))
    .returning();
  return row;
}

export async function recordApiTokenUse(db: Queryable, id: number, address: string | null): Promise<void> {
  await db.update(apiTokens).set({ lastUsedAt: sql`now()`, lastUsedFrom: address }).where(eq(apiTokens.id, id));
}
