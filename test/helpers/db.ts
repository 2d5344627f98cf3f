// A fresh, migrated database per test file on the run's server: tests never share rows and never need a
// mock of PostgreSQL.
import crypto from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { createDatabase, type Database } from '../../db/client';
import { runMigrations } from '../../db/migrate';

export const MIGRATIONS = path.resolve(__dirname, '../../drizzle');

export interface TestDatabase {
  url: string;
  name: string;
  db: Database;
  drop(): Promise<void>;
}

/** Creates an empty database (no migrations) on the given server, or the run's server by default. */
export async function createEmptyDatabase(adminUrl = inject('adminDatabaseUrl')): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const name = `fieldops_t_${crypto.randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

export async function createTestDatabase(adminUrl?: string): Promise<TestDatabase> {
  const empty = await createEmptyDatabase(adminUrl);
  await runMigrations(empty.url, MIGRATIONS);
  const db = createDatabase(empty.url, { max: 4, applicationName: 'fieldops-test' });
  return {
    ...empty,
    db,
    async drop() {
      await db.$client.end();
      await empty.drop();
    },
  };
}
