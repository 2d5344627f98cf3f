// live-poll: one instrument's live feed for one shift (lib/live/run-feed.ts does the work). At the end of a
// shift it sends its successor; a paused or disabled instrument, or a lost lease, ends it without one.
// Logger trouble beyond retryMax throws, so the job fails, job_runs keeps the reason, and pg-boss retries.
import crypto from 'node:crypto';
import { runLiveFeed } from '../../lib/live/run-feed';
import { LIVE_POLL_SHIFT_MS, sendSuccessor } from '../live-pollers';
import type { queues } from '../queues';
import type { JobHandler } from '../run-job';
import { LIVE_KIND } from '../../lib/config/kinds';

export const livePoll: JobHandler<typeof queues.livePoll> = async (payload, { db, log, signal, config, dataDir, boss, workerId }) => {
  if (!config || !dataDir || !boss) throw new Error('live-poll needs config, dataDir and boss in its job context (set by workers/index.ts)');
  const instrument = config.instruments.find((i) => i.id === payload.instrumentId);
  if (!instrument?.logger || instrument.kind !== LIVE_KIND) {
    log.warn(`no campbell-dataquery instrument '${payload.instrumentId}' with a logger in this worker's config; not polling`);
    return;
  }
  const holder = `${workerId}:${crypto.randomUUID().slice(0, 8)}`;
  const { ended, summary } = await runLiveFeed({
    db, instrument, dataDir, holder, signal, runForMs: LIVE_POLL_SHIFT_MS,
    log: { info: (m) => log.info({ instrument: instrument.id }, m), warn: (m) => log.warn({ instrument: instrument.id }, m) },
  });
  log.info({ instrument: instrument.id, ...summary }, `live feed ended: ${ended}`);
  if (ended === 'shift-over') await sendSuccessor(boss, instrument.id);
  return { counts: { records: summary?.records ?? 0, gaps: summary?.gaps ?? 0, corrections: summary?.corrections ?? 0, failures: summary?.failures ?? 0 } };
};
