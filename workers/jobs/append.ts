// append: parse one fetched file and append its rows with the ledger update (lib/pipeline/append.ts). A
// quarantined file is an outcome, not a failure; a database or configuration problem throws to retry. After
// new rows land, the roll-ups of their time range are refreshed (late data included).
import { appendFile } from '../../lib/pipeline/append';
import { enqueueStaleRenders } from '../../lib/quicklooks/enqueue-stale';
import { queues } from '../queues';
import type { JobHandler } from '../run-job';

export const append: JobHandler<typeof queues.append> = async (payload, { db, log, dataDir, boss }): Promise<{ counts: Record<string, number> }> => {
  if (!dataDir) throw new Error('append needs dataDir in its job context (set by workers/index.ts)');
  const result = await appendFile({ db, dataDir, fileId: payload.fileId });
  if (result.outcome === 'quarantined') {
    log.warn({ fileId: payload.fileId }, `quarantined: ${result.reason}`);
    return { counts: { quarantined: 1 } };
  }
  if (result.outcome === 'missing') return { counts: { missing: 1 } };
  if (boss && result.valuesInserted > 0 && result.dataStart && result.dataEnd) {
    await boss.send(queues.rollupsRefresh.name, { from: result.dataStart.toISOString(), to: new Date(result.dataEnd.getTime() + 1).toISOString() });
  }
  if (boss) await enqueueStaleRenders(boss, result.instrumentId, result.staleQuicklooks);
  return { counts: { rows: result.rowsInFile, valuesInserted: result.valuesInserted, valuesSkipped: result.valuesSkipped } };
};
