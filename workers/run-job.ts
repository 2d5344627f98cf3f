// The wrapper every job handler runs in: validates the payload with the queue's schema, records a job_runs
// row (outcome, duration, counts, error), and rethrows failures so pg-boss retries them.
import type { Job, PgBoss } from 'pg-boss';
import type { z } from 'zod';
import type { Database } from '../db/client';
import { finishJobRun, startJobRun } from '../db/queries/job-runs';
import type { FieldopsConfig } from '../lib/config/schema';
import type { Logger } from '../lib/log';
import type { QueueDefinition } from './queues';

export interface JobContext {
  db: Database;
  log: Logger;
  workerId: string;
  signal: AbortSignal;
  /** The worker's config, loaded once at start (per-instrument jobs read their settings here). */
  config?: FieldopsConfig;
  /** FIELDOPS_DATA_DIR, resolved (raw store, products). */
  dataDir?: string;
  /** For handlers that send follow-up jobs (source-sync → append). */
  boss?: PgBoss;
}

export type JobResult = { counts?: Record<string, number> } | void;

export type JobHandler<Q extends QueueDefinition> = (payload: z.infer<Q['payload']>, ctx: JobContext) => Promise<JobResult>;

export async function runJob<Q extends QueueDefinition>(queue: Q, job: Job<unknown>, handler: JobHandler<Q>, ctx: JobContext): Promise<void> {
  const log = ctx.log.child({ queue: queue.name, jobId: job.id });
  const parsed = queue.payload.safeParse(job.data);
  // An invalid payload's fields are not trusted into typed columns (a bad day would fail the insert itself).
  const data = (parsed.success ? (parsed.data ?? {}) : {}) as { instrumentId?: string; day?: string };
  const runId = await startJobRun(ctx.db, {
    queue: queue.name, jobId: job.id, instrumentId: data.instrumentId ?? null, day: data.day ?? null, workerId: ctx.workerId,
  });
  if (!parsed.success) {
    const error = `invalid payload: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`).join('; ')}`;
    await finishJobRun(ctx.db, runId, { outcome: 'failed', error });
    log.error(error);
    throw new Error(error);
  }
  const started = Date.now();
  try {
    // The job's own signal too: pg-boss aborts it when the job's claim is gone (heartbeat missed, expired),
    // which is when a long-running handler (a live poller) must stop before its retry starts elsewhere.
    const signal = job.signal ? AbortSignal.any([ctx.signal, job.signal]) : ctx.signal;
    const result = await handler(parsed.data as z.infer<Q['payload']>, { ...ctx, log, signal });
    await finishJobRun(ctx.db, runId, { outcome: 'succeeded', counts: result?.counts });
    log.debug(`done in ${Date.now() - started} ms`);
  } catch (error) {
    await finishJobRun(ctx.db, runId, { outcome: 'failed', error: (error as Error).message ?? String(error) });
    log.error({ err: error }, 'failed');
    throw error;
  }
}
