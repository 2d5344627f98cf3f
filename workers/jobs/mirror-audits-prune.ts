// mirror-audits-prune: delete the mirror audits the retention does not keep (lib/mirrors/audit-retention.ts).
// A run stopped by a shutdown is not a failure: what it did is committed and the next run carries on.
import { pruneMirrorAudits } from '../../lib/mirrors/audit-retention';
import type { queues } from '../queues';
import type { JobHandler } from '../run-job';

export const mirrorAuditsPrune: JobHandler<typeof queues.mirrorAuditsPrune> = async (_payload, { db, log, config, signal }) => {
  if (!config) throw new Error('mirror-audits-prune needs config in its job context (set by workers/index.ts)');
  const result = await pruneMirrorAudits({ db, policy: config.retention.mirrorAudits, signal });
  if (result.stopped) log.info(`stopped after ${result.batches} batch(es); the next run deletes the rest`);
  const { audits, items, days, keptOld, batches, stopped } = result;
  return { counts: { audits, items, days, keptOld, batches, stopped: stopped ? 1 : 0 } };
};
