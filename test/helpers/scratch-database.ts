// A throwaway database on a PostgreSQL server, for the test suite (test/helpers/db.ts) and the benchmarks.
// No vitest imports here: the benchmarks run outside the test runner.
import crypto from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { runMigrations } from '../../db/migrate';

export const MIGRATIONS = path.resolve(import.meta.dirname, '../../drizzle');

export interface ScratchDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

export async function createScratchDatabase(adminUrl: string, options: { prefix?: string; migrate?: boolean } = {}): Promise<ScratchDatabase> {
  const name = `${options.prefix ?? 'fieldops_t'}_${crypto.randomBytes(5).toString('hex')}`;
  await withAdmin(adminUrl, (admin) => admin.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  if (options.migrate) await runMigrations(url.toString(), MIGRATIONS);
  return {
    url: url.toString(),
    name,
    drop: () => withAdmin(adminUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)),
  };
}

async function withAdmin(adminUrl: string, work: (admin: pg.Client) => Promise<unknown>): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await work(admin);
  } finally {
    await admin.end();
  }
}
