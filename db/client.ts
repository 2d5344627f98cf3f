// The database client: a pg Pool wrapped by drizzle. The web server keeps one on globalThis so that Next's
// module reloading in development does not open a new pool per reload.
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { getEnv } from '../lib/env';
import * as schema from './schema';

export type Database = NodePgDatabase<typeof schema> & { $client: pg.Pool };

/**
 * What query functions accept: the database, an open transaction, or a drizzle wrapper of one pooled
 * connection (the append stage's transaction, which also runs COPY on that connection).
 */
export type Queryable = NodePgDatabase<typeof schema> | Parameters<Parameters<Database['transaction']>[0]>[0];

export function createDatabase(url: string, options: { max?: number; applicationName?: string } = {}): Database {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, application_name: options.applicationName ?? 'fieldops' });
  // An idle client that loses its connection (database restart) must not crash the process.
  pool.on('error', () => {});
  return drizzle(pool, { schema, casing: 'snake_case' }) as Database;
}

const globalForDb = globalThis as unknown as { fieldopsDb?: Database };

/** The process-wide database (DATABASE_URL, which the supervisor sets for its children). */
export function getDb(): Database {
  if (!globalForDb.fieldopsDb) {
    const url = getEnv().DATABASE_URL;
    if (!url) throw new Error('DATABASE_URL is not set: start the portal with `fieldops start`, which provides it');
    globalForDb.fieldopsDb = createDatabase(url, { applicationName: `fieldops-${process.env.FIELDOPS_COMPONENT ?? 'app'}` });
  }
  return globalForDb.fieldopsDb;
}
