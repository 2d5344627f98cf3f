// mirror-verify: compare one hop (or every hop) over this month and last month and store an audit each
// (lib/mirrors/verify.ts). A hop that could not be verified is stored as failed and fails the job, so the
// retry gets a second look; missing files are a finding, not a job failure.
import { mirrorHops } from '../../lib/mirrors/hops';
import { verifyHop } from '../../lib/mirrors/verify';
import type { queues } from '../queues';
import type { JobHandler } from '../run-job';

export const mirrorVerify: JobHandler<typeof queues.mirrorVerify> = async (payload, { db, log, config, dataDir }) => {
  if (!config || !dataDir) throw new Error('mirror-verify needs config and dataDir in its job context (set by workers/index.ts)');
  const counts = { hops: 0, ok: 0, missing: 0, failed: 0, missingOnTarget: 0, missingOnSource: 0, differs: 0 };
  const failures: string[] = [];
  for (const hop of mirrorHops(config, dataDir, payload.mirrorId)) {
    const { totals, auditId } = await verifyHop({ db, hop });
    counts.hops += 1;
    counts[totals.outcome] += 1;
    counts.missingOnTarget += totals.missingOnTarget;
    counts.missingOnSource += totals.missingOnSource;
    counts.differs += totals.differs;
    log.info({ mirror: hop.mirror.id, auditId, ...totals }, `mirror ${hop.mirror.id} verified: ${totals.outcome}`);
    if (totals.outcome === 'failed') failures.push(`${hop.mirror.id}: ${totals.error}`);
  }
  if (failures.length > 0) throw new Error(`mirror verification failed for ${failures.join('; ')}`);
  return { counts };
};
