// The web tier's pg-boss: send-only. No maintenance, no cron clock, no migrations (the workers own those),
// so any number of web servers can hold one without competing with the workers for pg-boss's chores.
import { PgBoss } from 'pg-boss';
import { getEnv } from '../../env';

const globalForBoss = globalThis as unknown as { fieldopsSendOnlyBoss?: Promise<PgBoss> };

export function createSendOnlyBoss(connectionString: string): PgBoss {
  return new PgBoss({ connectionString, application_name: 'fieldops-web-send', max: 2, supervise: false, schedule: false, migrate: false, createSchema: false });
}

export function getSendOnlyBoss(): Promise<PgBoss> {
  globalForBoss.fieldopsSendOnlyBoss ??= (async () => {
    const url = getEnv().DATABASE_URL;
    if (!url) throw new Error('DATABASE_URL is not set: the ops page cannot reach pg-boss');
    const boss = createSendOnlyBoss(url);
    boss.on('error', () => {});
    try {
      await boss.start();
    } catch (error) {
      globalForBoss.fieldopsSendOnlyBoss = undefined;
      throw new Error(`pg-boss is not ready (has a worker started yet?): ${(error as Error).message}`);
    }
    return boss;
  })();
  return globalForBoss.fieldopsSendOnlyBoss;
}
