// One chart series for a range: picks the bucket width, decides whether a roll-up can answer the older part
// (long ranges) and whether the toolkit's lttb was asked for, and turns the buckets into points with breaks.
import type { Database } from '../../db/client';
import { type ChartVariable, getRollupExtent, readLttbPoints, readSeriesBuckets, type RollupSegment } from '../../db/queries/chart-series';
import { getCapabilities } from '../../db/timeseries/capabilities';
import { chooseBucketSeconds, MAX_POINTS, rollupFor } from './bucket-width';
import { toChartPoints } from './gaps';
import type { ChartSeries, DownsampleMethod } from './types';

export interface SeriesRequest {
  from: Date;
  to: Date;
  /** Expected cadence of the instrument, for telling a gap from sparse data. */
  cadenceSeconds: number | null;
  method?: DownsampleMethod;
  maxPoints?: number;
  /** Read raw rows only (the benchmark's comparison, and tests that check the roll-up path against it). */
  rawOnly?: boolean;
}

export async function readChartSeries(db: Database, variable: ChartVariable, request: SeriesRequest): Promise<ChartSeries> {
  const caps = await getCapabilities(db);
  const maxPoints = request.maxPoints ?? MAX_POINTS;
  const bucketSeconds = chooseBucketSeconds(request.from.getTime(), request.to.getTime(), maxPoints);
  const base = { variableId: variable.id, name: variable.name, unit: variable.unit, bucketSeconds };
  const q = { streamId: variable.streamId, variableId: variable.id, from: request.from, to: request.to, bucketSeconds };

  if (request.method === 'lttb' && caps.toolkit) {
    const buckets = await readLttbPoints(db, q, maxPoints);
    return { ...base, method: 'lttb', source: 'raw', points: toChartPoints(buckets, bucketSeconds, request.cadenceSeconds) };
  }
  const rollup = request.rawOnly ? null : await rollupSegment(db, caps.timescaledb !== null, q);
  const buckets = await readSeriesBuckets(db, caps, q, rollup);
  return { ...base, method: 'envelope', source: rollup ? rollup.table : 'raw', points: toChartPoints(buckets, bucketSeconds, request.cadenceSeconds) };
}

/**
 * The part of the range a roll-up answers exactly: whole roll-up buckets inside [from, to), from the oldest
 * to the newest bucket the roll-up holds for the series (exclusive: on PostgreSQL that bucket may have been
 * refreshed while filling).
 * TimescaleDB's continuous aggregates are real-time (materialized_only = false), so they are current to `to`.
 */
async function rollupSegment(db: Database, realTime: boolean, q: { streamId: number; variableId: number; from: Date; to: Date; bucketSeconds: number }): Promise<RollupSegment | null> {
  const rollup = rollupFor(q.bucketSeconds);
  if (!rollup) return null;
  const ms = rollup.seconds * 1000;
  let headEnd = new Date(Math.ceil(q.from.getTime() / ms) * ms);
  let cut = new Date(Math.floor(q.to.getTime() / ms) * ms);
  if (!realTime) {
    const extent = await getRollupExtent(db, rollup.table, q.streamId, q.variableId, cut);
    if (!extent) return null;
    if (extent.last < cut) cut = extent.last;
    // Before its oldest bucket the roll-up may simply never have been refreshed (data older than the
    // roll-ups): read that part raw too; if there is no data there, that costs one index probe.
    if (extent.first > headEnd) headEnd = extent.first;
  }
  // Less than a few roll-up buckets is not worth a second table.
  if (cut.getTime() - headEnd.getTime() < 4 * ms) return null;
  return { ...rollup, headEnd, cut };
}
