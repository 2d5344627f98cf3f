// A fresh, migrated database per test file on the run's server: tests never share rows and never need a
// mock of PostgreSQL.
import { inject } from 'vitest';
import { createDatabase, type Database } from '../../db/client';
import { runMigrations } from '../../db/migrate';
import { createScratchDatabase, MIGRATIONS, type ScratchDatabase } from './scratch-database';

export { MIGRATIONS };

export interface TestDatabase {
  url: string;
  name: string;
  db: Database;
  drop(): Promise<void>;
}

/** Creates an empty database (no migrations) on the given server, or the run's server by default. */
export function createEmptyDatabase(adminUrl = inject('adminDatabaseUrl')): Promise<ScratchDatabase> {
  return createScratchDatabase(adminUrl);
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
