// A fresh migrated database per benchmark run on the bench server.
import crypto from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { runMigrations } from '../../db/migrate';

export async function createTestDatabaseAt(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `fieldops_bench_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  await runMigrations(url.toString(), path.resolve(import.meta.dirname, '../../drizzle'));
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
