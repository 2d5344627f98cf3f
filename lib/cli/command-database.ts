// A database for one CLI command: the running portal's (or DATABASE_URL), else the embedded cluster
// started for the command's duration. Migrations are applied first, so `fieldops user add` also works
// on a fresh data folder before the first `fieldops start`.
import path from 'node:path';
import { createDatabase, type Database } from '../../db/client';
import { runMigrations } from '../../db/migrate';
import { openDatabase } from '../database/open';
import { getEnv } from '../env';
import { projectRoot } from '../paths';

export async function withCommandDatabase<T>(work: (db: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase(getEnv(), { owner: 'command', log: (line) => process.stderr.write(`${line}\n`) });
  try {
    await runMigrations(database.url, path.join(projectRoot, 'drizzle'));
    const db = createDatabase(database.url, { max: 2, applicationName: 'fieldops-cli' });
    try {
      return await work(db);
    } finally {
      await db.$client.end();
    }
  } finally {
    await database.close();
  }
}
