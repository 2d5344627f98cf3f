// After an append marked quicklooks stale: one re-render per past instrument-day (and per timelapse day). The
// singleton key makes a burst of late files for one day queue a single job. Today is left to the schedule:
// files that grow every minute would otherwise queue a render every minute.
import type { PgBoss } from 'pg-boss';
import { queues } from '../../workers/queues';
import { utcDay } from './product-paths';

export async function enqueueStaleRenders(boss: PgBoss, instrumentId: string, stale: { day: string; kind: string }[], now = new Date()): Promise<number> {
  const today = utcDay(now);
  const jobs = new Map<string, { queue: string; day: string }>();
  for (const { day, kind } of stale) {
    if (day >= today) continue;
    const queue = kind === 'timelapse' ? queues.webcamTimelapse.name : queues.quicklooks.name;
    jobs.set(`${queue}\u0000${day}`, { queue, day });
  }
  for (const { queue, day } of jobs.values()) {
    await boss.send(queue, { instrumentId, day }, { singletonKey: `${instrumentId}:${day}` });
  }
  return jobs.size;
}
