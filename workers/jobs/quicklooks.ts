// quicklooks: render an instrument's quicklook PNGs (lib/quicklooks/run-quicklooks.ts): one day when the
// payload names it (a re-render after late data), else today, the rolling 24 h, stale and missing days.
import { runQuicklooks } from '../../lib/quicklooks/run-quicklooks';
import { queues } from '../queues';
import type { JobHandler } from '../run-job';

export const quicklooks: JobHandler<typeof queues.quicklooks> = async (payload, { db, dataDir, signal, log }) => {
  if (!dataDir) throw new Error('quicklooks needs dataDir in its job context (set by workers/index.ts)');
  const run = await runQuicklooks({ db, dataDir, instrumentId: payload.instrumentId, day: payload.day, signal, log });
  return { counts: { days: run.days.length, images: run.images.length } };
};
