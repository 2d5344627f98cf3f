// After an append marked quicklooks stale: one re-render per instrument-day (and per timelapse day). The
// singleton key makes a burst of late files for one day queue a single job.
import type { PgBoss } from 'pg-boss';
import { queues } from '../../workers/queues';

export async function enqueueStaleRenders(boss: PgBoss, instrumentId: string, stale: { day: string; kind: string }[]): Promise<number> {
  const jobs = new Map<string, { queue: string; day: string }>();
  for (const { day, kind } of stale) {
    const queue = kind === 'timelapse' ? queues.webcamTimelapse.name : queues.quicklooks.name;
    jobs.set(`${queue}\u0000${day}`, { queue, day });
  }
  for (const { queue, day } of jobs.values()) {
    await boss.send(queue, { instrumentId, day }, { singletonKey: `${instrumentId}:${day}` });
  }
  return jobs.size;
}
