import path from 'node:path';
import { createDatabase } from '../../db/client';
import { runMigrations } from '../../db/migrate';
import { describeCapabilities, detectCapabilities } from '../../db/timeseries/capabilities';
import { openDatabase } from '../database/open';
import { getEnv } from '../env';
import { projectRoot } from '../paths';

export async function migrateCommand(): Promise<void> {
  const database = await openDatabase(getEnv(), { owner: 'command', log: (line) => process.stdout.write(`${line}\n`) });
  try {
    process.stdout.write(`database: ${database.describe}\n`);
    const { applied } = await runMigrations(database.url, path.join(projectRoot, 'drizzle'));
    const db = createDatabase(database.url, { max: 1 });
    const caps = await detectCapabilities(db);
    await db.$client.end();
    process.stdout.write(`${applied ? `${applied} migration(s) applied` : 'schema is current'}; ${describeCapabilities(caps)}\n`);
  } finally {
    await database.close();
  }
}
