// source-sync: copy an instrument's new and changed source files into the raw store and ledger them (see
// lib/pipeline/source-sync.ts), then hand each to the append queue. Per-file problems are logged and left
// for the next sync; a source that cannot be reached throws, so pg-boss retries with backoff.
import type { PgBoss } from 'pg-boss';
import { isInstrumentPaused } from '../../db/queries/ops-control';
import { syncInstrumentSource } from '../../lib/pipeline/source-sync';
import { queues } from '../queues';
import type { JobHandler, JobResult } from '../run-job';

export const sourceSync: JobHandler<typeof queues.sourceSync> = async (payload, { db, log, signal, config, dataDir, boss }): Promise<JobResult> => {
  if (!config || !dataDir || !boss) throw new Error('source-sync needs config, dataDir and boss in its job context (set by workers/index.ts)');
  const instrument = config.instruments.find((i) => i.id === payload.instrumentId);
  if (!instrument) throw new Error(`no instrument '${payload.instrumentId}' in the config`);
  if (!instrument.source) throw new Error(`instrument '${instrument.id}' has no source: { path } to sync`);
  if (!instrument.enabled) {
    log.info(`instrument ${instrument.id} is disabled in the config; not syncing`);
    return { counts: {} };
  }
  if (await isInstrumentPaused(db, instrument.id)) {
    log.info(`instrument ${instrument.id} is disabled by an operator; not syncing`);
    return { counts: { disabled: 1 } };
  }

  const result = await syncInstrumentSource({ db, instrument, dataDir, date: payload.day, signal, enqueueAppend: (fileId) => enqueueAppend(boss, fileId) });
  for (const problem of result.errors) log.warn({ instrument: instrument.id, file: problem.relativePath }, problem.error);
  const { errors, ...counts } = result;
  return { counts: { ...counts, errors: errors.length } };
};

/** One queued append per file: a sync that sends a file again while its job still waits updates that job. */
export async function enqueueAppend(boss: PgBoss, fileId: number): Promise<void> {
  await boss.upsert(queues.append.name, { fileId }, { singletonKey: String(fileId) });
}
