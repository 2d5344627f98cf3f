// health-collect: one observe-only health collection (lib/ops/health/collect.ts). `busy` (another worker is
// collecting) and `fenced` (this run hung and was replaced) are normal outcomes, not failures: the
// singleton's next run comes a minute later either way.
import crypto from 'node:crypto';
import { collectHealth } from '../../lib/ops/health/collect';
import type { queues } from '../queues';
import type { JobHandler, JobResult } from '../run-job';

export const healthCollect: JobHandler<typeof queues.healthCollect> = async (_payload, { db, log, signal, config, dataDir, workerId }): Promise<JobResult> => {
  if (!config || !dataDir) throw new Error('health-collect needs config and dataDir in its job context (set by workers/index.ts)');
  const holder = `${workerId}:${crypto.randomUUID().slice(0, 8)}`;
  const outcome = await collectHealth({ db, config, dataDir, holder, signal });
  if (outcome.status === 'written') {
    if (outcome.errors > 0) log.warn(`health collected with ${outcome.errors} collector error(s); see ${outcome.file}`);
    return { counts: { readings: outcome.readings, errors: outcome.errors } };
  }
  if (outcome.status === 'fenced') log.warn(`health collection discarded: ${outcome.reason}`);
  else log.info('another worker is collecting health right now; skipped');
  return { counts: { readings: 0, [outcome.status]: 1 } };
};
