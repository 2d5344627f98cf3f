// Re-running one stage of one instrument-day from the pipeline grid: what jobs that means. sync and
// quicklook are one job for the day; append is one job per file of that day that is not appended yet
// (fetched, failed or quarantined: the append stage never appends a row twice, so retrying is harmless).
import { z } from 'zod';
import type { Database } from '../../db/client';
import { listFileIdsToAppend } from '../../db/queries/instrument-pipeline';
import { queues } from '../../workers/queues';

export const STAGES = ['sync', 'append', 'quicklook'] as const;
export type Stage = (typeof STAGES)[number];

export const STAGE_QUEUES: Record<Stage, string> = { sync: queues.sourceSync.name, append: queues.append.name, quicklook: queues.quicklooks.name };

const rerunInput = z.strictObject({
  instrumentId: z.string({ error: 'instrumentId: required' }).min(1, 'instrumentId: required').max(200, 'instrumentId: too long')
    .regex(/^[^\u0000-\u001f\u007f]+$/, 'instrumentId: control characters'),
  day: z.string({ error: 'day: required' }).regex(/^\d{4}-\d{2}-\d{2}$/, 'day: expected YYYY-MM-DD')
    .refine((d) => { const ms = Date.parse(`${d}T00:00:00Z`); return Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 10) === d; }, 'day: not a calendar day'),
  stage: z.enum(STAGES, { error: 'stage: sync, append or quicklook' }),
});

export type RerunInput = z.infer<typeof rerunInput>;

/** The re-run form's fields, checked; the message names the first bad field. */
export function parseRerunInput(fields: Record<string, unknown>): { ok: true; value: RerunInput } | { ok: false; message: string } {
  const parsed = rerunInput.safeParse(fields);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, message: parsed.error.issues[0]?.message ?? 'invalid request' };
}

export type Send = (queue: (typeof queues)[keyof typeof queues], payload: unknown) => Promise<unknown>;

export async function rerunStage(db: Database, send: Send, instrumentId: string, day: string, stage: Stage): Promise<{ jobs: number }> {
  if (stage === 'sync') {
    await send(queues.sourceSync, { instrumentId, day });
    return { jobs: 1 };
  }
  if (stage === 'quicklook') {
    await send(queues.quicklooks, { instrumentId, day });
    return { jobs: 1 };
  }
  const fileIds = await listFileIdsToAppend(db, instrumentId, day);
  for (const fileId of fileIds) await send(queues.append, { fileId });
  return { jobs: fileIds.length };
}
