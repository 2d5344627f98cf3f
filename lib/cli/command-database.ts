// The database for one CLI command: the running portal's (or DATABASE_URL), else the embedded cluster
// started for the command's duration and stopped after. Migrations are applied first, so every command also
// works on a fresh data folder before the first `fieldops start`.
import path from 'node:path';
import { createDatabase, type Database } from '../../db/client';
import { syncConfigToDatabase } from '../../db/queries/config-sync';
import { runMigrations } from '../../db/migrate';
import { loadConfig } from '../config/load';
import { openDatabase } from '../database/open';
import { getEnv } from '../env';
import { projectRoot } from '../paths';

export interface CommandDatabaseOptions {
  /** Also make sites and instruments match the config (commands that work on campaign data). */
  syncConfig?: boolean;
  applicationName?: string;
  /** Pool size; a command that reads while it writes (ingest) wants more than one. */
  max?: number;
}

export async function withCommandDatabase<T>(work: (db: Database) => Promise<T>, options: CommandDatabaseOptions = {}): Promise<T> {
  const env = getEnv();
  const database = await openDatabase(env, { owner: 'command', log: (line) => process.stderr.write(`${line}\n`) });
  try {
    await runMigrations(database.url, path.join(projectRoot, 'drizzle'));
    const db = createDatabase(database.url, { max: options.max ?? 2, applicationName: options.applicationName ?? 'fieldops-cli' });
    try {
      if (options.syncConfig) await syncConfigToDatabase(db, loadConfig({ configPath: env.FIELDOPS_CONFIG, dataDir: env.dataDir }).config);
      return await work(db);
    } finally {
      await db.$client.end();
    }
  } finally {
    await database.close();
  }
}
