// Each instrument's feed: how old its newest data is and how complete the recent past is. Paused and disabled
// instruments are left out (their silence is expected; the alert evaluator mutes them by name too).
import { countInstrumentRecords, type Executor } from '../../../db/queries/ops-health';
import { listInstrumentOverview } from '../../../db/queries/overview';
import type { Database } from '../../../db/client';
import { feedLimits, feedState } from '../../health/feed-state';
import { reading, secondsBetween, type CollectorResult, type HealthReading } from './types';

/** The completeness window: an hour, or six intervals for slow instruments. */
export function completenessWindow(expectedIntervalSeconds: number, now: Date): { from: Date; to: Date; expected: number } {
  // End the window one "up" delay before now: records that are merely in transit must not count as missing.
  const lag = feedLimits(expectedIntervalSeconds).upSeconds;
  const span = Math.max(3600, 6 * expectedIntervalSeconds);
  const to = new Date(now.getTime() - lag * 1000);
  return { from: new Date(to.getTime() - span * 1000), to, expected: span / expectedIntervalSeconds };
}

export async function collectFeeds(db: Database & Executor, now: Date): Promise<CollectorResult> {
  const readings: HealthReading[] = [];
  const raw: Record<string, unknown>[] = [];
  for (const inst of await listInstrumentOverview(db)) {
    const state = feedState(inst, now);
    const age = inst.lastDataAt ? secondsBetween(inst.lastDataAt, now) : null;
    let completeness: number | null = null;
    if (inst.enabled && !inst.paused && inst.expectedIntervalSeconds) {
      const window = completenessWindow(inst.expectedIntervalSeconds, now);
      const count = await countInstrumentRecords(db, inst.id, window.from, window.to);
      completeness = Math.min(100, Math.round((1000 * count) / window.expected) / 10);
    }
    raw.push({ instrument: inst.id, site: inst.siteId, kind: inst.kind, state, lastDataAt: inst.lastDataAt, ageSeconds: age,
      completenessPercent: completeness, expectedIntervalSeconds: inst.expectedIntervalSeconds, filesQuarantined: inst.filesQuarantined });
    if (!inst.enabled || inst.paused) continue;
    const component = `feed:${inst.id}`;
    const labels = { instrument: inst.id, site: inst.siteId };
    // A feed that never delivered anything reports a null age: rules see `no data`, not a healthy zero.
    readings.push(reading(component, 'feed_age_seconds', labels, age));
    if (completeness !== null) readings.push(reading(component, 'feed_completeness_percent', labels, completeness));
  }
  return { readings, raw };
}
