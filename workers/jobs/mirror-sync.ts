// mirror-sync: copy a mirror's new and changed files within its lookback to its target (lib/mirrors/sync.ts).
// An unreachable side throws at once; files that could not be copied fail the job after the rest are done,
// so pg-boss retries them (everything already copied is skipped then).
import { mirrorHops } from '../../lib/mirrors/hops';
import { summarizeErrors, syncMirror } from '../../lib/mirrors/sync';
import type { queues } from '../queues';
import type { JobHandler } from '../run-job';

export const mirrorSync: JobHandler<typeof queues.mirrorSync> = async (payload, { db, log, signal, config, dataDir }) => {
  if (!config || !dataDir) throw new Error('mirror-sync needs config and dataDir in its job context (set by workers/index.ts)');
  const [hop] = mirrorHops(config, dataDir, payload.mirrorId);
  const result = await syncMirror({ db, hop: hop!, signal });
  for (const e of result.errors) log.warn({ mirror: payload.mirrorId, file: e.relativePath }, e.error);
  const counts = {
    listed: result.listed, inWindow: result.inWindow, copiedNew: result.copiedNew, copiedChanged: result.copiedChanged,
    bytesCopied: result.bytesCopied, unchanged: result.unchanged, errors: result.errors.length,
  };
  if (result.errors.length > 0) throw new Error(`mirror ${payload.mirrorId}: ${summarizeErrors(result.errors)}`);
  log.info(counts, `mirror ${payload.mirrorId} synced`);
  return { counts };
};
