import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { workerHeartbeats, type NewWorkerHeartbeat, type WorkerHeartbeat } from '../schema';

export async function insertHeartbeat(db: Database, row: NewWorkerHeartbeat): Promise<void> {
  await db.insert(workerHeartbeats).values(row).onConflictDoNothing();
}

export async function touchHeartbeat(db: Database, id: string, info?: Record<string, unknown>): Promise<void> {
  await db
    .update(workerHeartbeats)
    .set({ lastBeatAt: sql`now()`, ...(info ? { info } : {}) })
    .where(eq(workerHeartbeats.id, id));
}

export async function markHeartbeatStopped(db: Database, id: string): Promise<void> {
  await db.update(workerHeartbeats).set({ stoppedAt: sql`now()` }).where(eq(workerHeartbeats.id, id));
}

/** Components that have not said they stopped and beat within the last `withinSeconds`. */
export async function listLiveComponents(db: Database, withinSeconds = 3600): Promise<WorkerHeartbeat[]> {
  return db
    .select()
    .from(workerHeartbeats)
    .where(and(isNull(workerHeartbeats.stoppedAt), gt(workerHeartbeats.lastBeatAt, sql`now() - make_interval(secs => ${withinSeconds})`)))
    .orderBy(workerHeartbeats.kind, desc(workerHeartbeats.startedAt));
}
