// rollups-refresh: recompute the 1-minute and 1-hour roll-ups for a range (default: the last two hours).
import { refreshRollups } from '../../db/timeseries/rollups';
import type { queues } from '../queues';
import type { JobHandler } from '../run-job';

const DEFAULT_WINDOW_MS = 2 * 3600_000;

export const rollupsRefresh: JobHandler<typeof queues.rollupsRefresh> = async (payload, { db }) => {
  const to = payload.to ? new Date(payload.to) : new Date();
  const from = payload.from ? new Date(payload.from) : new Date(to.getTime() - DEFAULT_WINDOW_MS);
  const { buckets } = await refreshRollups(db, from, to);
  return { counts: { buckets } };
};
