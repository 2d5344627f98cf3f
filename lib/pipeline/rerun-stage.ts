// Re-running one stage of one instrument-day from the pipeline grid: what jobs that means. sync and
// quicklook are one job for the day; append is one job per file of that day that is not appended yet
// (fetched, failed or quarantined: the append stage never appends a row twice, so retrying is harmless).
import type { Database } from '../../db/client';
import { listFileIdsToAppend } from '../../db/queries/instrument-pipeline';
import { queues } from '../../workers/queues';

export const STAGES = ['sync', 'append', 'quicklook'] as const;
export type Stage = (typeof STAGES)[number];

export const STAGE_QUEUES: Record<Stage, string> = { sync: queues.sourceSync.name, append: queues.append.name, quicklook: queues.quicklooks.name };

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
