// Applies drizzle/ to a database. Uses drizzle-orm's migrator (drizzle-kit migrate swallows errors) under an
// advisory lock, so that several processes or hosts starting at once apply each migration exactly once.
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { createDatabase } from './client';

const MIGRATION_LOCK = 7_300_451_001; // any constant; shared by every fieldops process

export async function runMigrations(url: string, migrationsFolder: string): Promise<{ applied: number }> {
  const db = createDatabase(url, { max: 1, applicationName: 'fieldops-migrate' });
  try {
    await db.execute(sql`SELECT pg_advisory_lock(${MIGRATION_LOCK})`);
    const before = await countApplied(db);
    await migrate(db, { migrationsFolder: path.resolve(migrationsFolder) });
    const after = await countApplied(db);
    await db.execute(sql`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`);
    return { applied: after - before };
  } finally {
    await db.$client.end();
  }
}

async function countApplied(db: ReturnType<typeof createDatabase>): Promise<number> {
  const exists = await db.execute<{ t: string | null }>(sql`SELECT to_regclass('drizzle.__drizzle_migrations')::text AS t`);
  if (!exists.rows[0]?.t) return 0;
  const result = await db.execute<{ n: string }>(sql`SELECT count(*) AS n FROM drizzle.__drizzle_migrations`);
  return Number(result.rows[0]?.n ?? 0);
}
