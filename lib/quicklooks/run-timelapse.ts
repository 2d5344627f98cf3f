// What one `webcam-timelapse` job does: the named day, or stale days (images arrived after the video was
// made; today's images always arrive that way) and recent days with images but no video yet, today included.
import type { Database } from '../../db/client';
import { listMediaDays } from '../../db/queries/media-days';
import { getQuicklook, listStaleDays } from '../../db/queries/quicklooks';
import { utcDay } from './product-paths';
import { makeTimelapse, type TimelapseResult } from './timelapse';

const CATCH_UP_DAYS = 7;

export async function runTimelapses(options: { db: Database; dataDir: string; instrumentId: string; day?: string; now?: Date; signal?: AbortSignal }): Promise<TimelapseResult[]> {
  const { db, instrumentId } = options;
  const now = options.now ?? new Date();
  let days: string[];
  if (options.day) days = [options.day];
  else {
    const since = utcDay(new Date(now.getTime() - CATCH_UP_DAYS * 86_400_000));
    // Today only when it has no video yet or new images made it stale: re-encoding an unchanged day every run
    // would cost a minute of CPU per camera for nothing.
    const today = utcDay(now);
    const current = await getQuicklook(db, instrumentId, today, 'timelapse');
    const set = new Set<string>([...(current && !current.stale ? [] : [today]), ...(await listStaleDays(db, instrumentId, 'timelapse'))]);
    for (const day of await listMediaDays(db, instrumentId, CATCH_UP_DAYS + 1)) {
      if (day >= since && !(await getQuicklook(db, instrumentId, day, 'timelapse'))) set.add(day);
    }
    days = [...set].sort().reverse();
  }
  const results: TimelapseResult[] = [];
  for (const day of days) {
    options.signal?.throwIfAborted();
    results.push(await makeTimelapse({ ...options, day }));
  }
  return results;
}
