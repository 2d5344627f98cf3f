// webcam-timelapse: a webcam's day as an MP4 (lib/quicklooks/run-timelapse.ts). Corrupt images are skipped
// and counted; a day without images is an outcome (no video), not a failure.
import { runTimelapses } from '../../lib/quicklooks/run-timelapse';
import { queues } from '../queues';
import type { JobHandler } from '../run-job';

export const webcamTimelapse: JobHandler<typeof queues.webcamTimelapse> = async (payload, { db, dataDir, signal, log }) => {
  if (!dataDir) throw new Error('webcam-timelapse needs dataDir in its job context (set by workers/index.ts)');
  const results = await runTimelapses({ db, dataDir, instrumentId: payload.instrumentId, day: payload.day, signal });
  for (const r of results) if (r.corrupt > 0) log.warn({ instrument: payload.instrumentId, day: r.day }, `${r.corrupt} corrupt image(s) left out of the timelapse`);
  return { counts: { videos: results.filter((r) => r.path).length, frames: results.reduce((n, r) => n + r.frames, 0), corrupt: results.reduce((n, r) => n + r.corrupt, 0) } };
};
