import { eq, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { jobRuns, type JobOutcome } from '../schema';

export async function startJobRun(
  db: Database,
  run: { queue: string; jobId: string; instrumentId?: string | null; day?: string | null; workerId: string },
): Promise<number> {
  const [row] = await db
    .insert(jobRuns)
    .values({ ...run, outcome: 'running', startedAt: sql`now()` })
    .returning({ id: jobRuns.id });
  return row!.id;
}

export async function finishJobRun(
  db: Database,
  id: number,
  result: { outcome: JobOutcome; counts?: Record<string, number>; error?: string | null },
): Promise<void> {
  await db
    .update(jobRuns)
    .set({ outcome: result.outcome, counts: result.counts ?? {}, error: result.error ?? null, finishedAt: sql`now()` })
    .where(eq(jobRuns.id, id));
}
