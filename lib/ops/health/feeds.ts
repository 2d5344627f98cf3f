// Each instrument's feed: how old its newest data is and how complete the recent past is. Paused and disabled
// instruments are left out (their silence is expected; the alert evaluator mutes them by name too).
import type { Database } from '../../../db/client';
import { type InstrumentOverviewRow, listInstrumentOverview } from '../../../db/queries/overview';
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
  const instruments = await listInstrumentOverview(db);
  const percents = await completenessPercents(db, instruments, now);
  for (const inst of instruments) {
    const state = feedState(inst, now);
    const age = inst.lastDataAt ? secondsBetween(inst.lastDataAt, now) : null;
    const completeness = percents.get(inst.id) ?? null;
    raw.push({ instrument: inst.id, site: inst.siteId, kind: inst.kind, state, lastDataAt: inst.lastDataAt, ageSeconds: age,
      completenessPercent: completeness, expectedIntervalSeconds: inst.expectedIntervalSeconds, filesQuarantined: inst.filesQuarantined });
    if (!inst.enabled || inst.paused) continue;
    const component = `feed:${inst.id}`;
    const labels = { instrument: inst.id, site: inst.siteId };
    // A feed that never delivered anything reports a null age and completeness: rules see `no data`, not a
    // healthy zero (nor a 0 % that reads as an outage of a feed that has not started).
    readings.push(reading(component, 'feed_age_seconds', labels, age));
    if (percents.has(inst.id)) readings.push(reading(component, 'feed_completeness_percent', labels, completeness));
  }
  return { readings, raw };
}

/**
 * Completeness in percent of each enabled, unpaused instrument with a cadence (null before it ever
 * recorded). The window depends on the cadence alone, so instruments sharing a cadence are measured together.
 */
async function completenessPercents(db: Database, instruments: readonly InstrumentOverviewRow[], now: Date): Promise<Map<string, number | null>> {
  const byCadence = new Map<number, InstrumentOverviewRow[]>();
  for (const inst of instruments) {
    const cadence = inst.expectedIntervalSeconds;
    if (inst.enabled && !inst.paused && cadence) byCadence.set(cadence, [...(byCadence.get(cadence) ?? []), inst]);
  }
  const percents = new Map<string, number | null>();
  for (const [cadence, group] of byCadence) {
    const figures = await measureFeeds(db, group, completenessWindow(cadence, now), { gapWindow: null });
    for (const [id, f] of figures) percents.set(id, f.completeness === null ? null : Math.round(1000 * f.completeness) / 10);
  }
  return percents;
}
