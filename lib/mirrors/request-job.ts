// "Sync now" and "verify now" from the portal: the web server only sends jobs (workers create the queues and
// work them). One send-only pg-boss per process, over the app's own pool, kept on globalThis so that dev
// reloads do not open another.
import 'server-only';
import { PgBoss } from 'pg-boss';
import { getDb } from '../../db/client';
import { createLogger } from '../log';
import { queues } from '../../workers/queues';

const globalForSender = globalThis as unknown as { fieldopsJobSender?: Promise<PgBoss> };

function sender(): Promise<PgBoss> {
  globalForSender.fieldopsJobSender ??= (async () => {
    const pool = getDb().$client;
    // No supervision, scheduling or migration here: that is the workers' part.
    const boss = new PgBoss({ db: { executeSql: (text, values) => pool.query(text, values) }, supervise: false, schedule: false, migrate: false, createSchema: false });
    const log = createLogger('job-sender');
    boss.on('error', (error: Error) => log.error({ err: error }, 'pg-boss error'));
    await boss.start();
    return boss;
  })().catch((error: unknown) => {
    globalForSender.fieldopsJobSender = undefined;
    throw error;
  });
  return globalForSender.fieldopsJobSender;
}

export type MirrorJobKind = 'sync' | 'verify';

/**
 * Queues a mirror-sync or mirror-verify of one mirror. Null when one is already waiting for that mirror
 * (the queues are stately per mirror: a second press does not pile up work).
 */
export async function requestMirrorJob(kind: MirrorJobKind, mirrorId: string): Promise<string | null> {
  const queue = kind === 'sync' ? queues.mirrorSync : queues.mirrorVerify;
  const boss = await sender();
  return boss.send(queue.name, queue.payload.parse({ mirrorId }), { ...queue.options, singletonKey: mirrorId });
}
