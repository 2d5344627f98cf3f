// Each instrument's feed: how old its newest data is and how complete the recent past is. Paused and disabled
// instruments are left out (their silence is expected; the alert evaluator mutes them by name too).
import type { Database } from '../../../db/client';
import { listInstrumentOverview } from '../../../db/queries/overview';
import { measureFeeds } from '../../health/feed-completeness';
import { feedLimits, feedState } from '../../health/feed-state';
import { reading, secondsBetween, type CollectorResult, type HealthReading } from './types';

/** The completeness window: an hour, or six intervals for slow instruments. */
export function completenessWindow(expectedIntervalSeconds: number, now: Date): { from: Date; to: Date } {
  // End the window one "up" delay before now: records that are merely in transit must not count as missing.
  const lag = feedLimits(expectedIntervalSeconds).upSeconds;
  const span = Math.max(3600, 6 * expectedIntervalSeconds);
  const to = new Date(now.getTime() - lag * 1000);
  return { from: new Date(to.getTime() - span * 1000), to };
}

export async function collectFeeds(db: Database, now: Date): Promise<CollectorResult> {
  const readings: HealthReading[] = [];
  const raw: Record<string, unknown>[] = [];
  for (const inst of await listInstrumentOverview(db)) {
    const state = feedState(inst, now);
    const age = inst.lastDataAt ? secondsBetween(inst.lastDataAt, now) : null;
    const cadence = inst.enabled && !inst.paused && inst.expectedIntervalSeconds ? inst.expectedIntervalSeconds : null;
    let completeness: number | null = null;
    if (cadence !== null) {
      // Each cadence has its own window, so one instrument per call.
      const figures = await measureFeeds(db, [inst], completenessWindow(cadence, now), { gapWindow: null });
      const share = figures.get(inst.id)?.completeness ?? null;
      completeness = share === null ? null : Math.round(1000 * share) / 10;
    }
    raw.push({ instrument: inst.id, site: inst.siteId, kind: inst.kind, state, lastDataAt: inst.lastDataAt, ageSeconds: age,
      completenessPercent: completeness, expectedIntervalSeconds: inst.expectedIntervalSeconds, filesQuarantined: inst.filesQuarantined });
    if (!inst.enabled || inst.paused) continue;
    const component = `feed:${inst.id}`;
    const labels = { instrument: inst.id, site: inst.siteId };
    // A feed that never delivered anything reports a null age and completeness: rules see `no data`, not a
    // healthy zero (nor a 0 % that reads as an outage of a feed that has not started).
    readings.push(reading(component, 'feed_age_seconds', labels, age));
    if (cadence !== null) readings.push(reading(component, 'feed_completeness_percent', labels, completeness));
  }
  return { readings, raw };
}
