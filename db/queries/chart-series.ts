// Reads behind the instrument page's charts: the catalogue of an instrument's series, and downsampled
// buckets of one series (raw observations, or a roll-up for the old part with the newest part read raw),
// the toolkit's lttb, and profile grids for time-height images. Bucketing goes through the capability
// module, so the same SQL runs on TimescaleDB (time_bucket) and PostgreSQL (date_bin).
import { asc, eq, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../client';
import { instruments, sites, streams, variables } from '../schema';
import { type Capabilities, timeBucket } from '../timeseries/capabilities';
import type { SeriesBucket } from '../../lib/charts/types';

export interface ChartInstrument {
  id: string;
  name: string;
  kind: string;
  siteName: string;
  expectedIntervalSeconds: number | null;
}

export async function getChartInstrument(db: Database, instrumentId: string): Promise<ChartInstrument | null> {
  const [row] = await db.select({ id: instruments.id, name: instruments.name, kind: instruments.kind, siteName: sites.name,
    expectedIntervalSeconds: instruments.expectedIntervalSeconds })
    .from(instruments).innerJoin(sites, eq(sites.id, instruments.siteId)).where(eq(instruments.id, instrumentId));
  return row ?? null;
}

export interface ChartVariable {
  id: number;
  streamId: number;
  streamName: string;
  streamVersion: number;
  name: string;
  unit: string | null;
  shape: 'scalar' | 'profile';
  axis: { name: string; unit: string | null; values: number[] } | null;
}

/** Every variable of every stream (all versions) of the instrument, in a stable order. */
export async function listChartVariables(db: Database, instrumentId: string): Promise<ChartVariable[]> {
  return db.select({ id: variables.id, streamId: streams.id, streamName: streams.name, streamVersion: streams.version,
    name: variables.name, unit: variables.unit, shape: variables.shape, axis: variables.axis })
    .from(variables).innerJoin(streams, eq(streams.id, variables.streamId))
    .where(eq(streams.instrumentId, instrumentId))
    .orderBy(asc(streams.name), asc(streams.version), asc(variables.id));
}

/** Time span of a series' data (null when it has none): where the page's default range ends. */
export async function getSeriesExtent(db: Database, streamId: number, variableId: number, table: 'observations' | 'profiles'): Promise<{ first: Date; last: Date } | null> {
  const t = sql.identifier(table);
  const result = await db.execute<{ first: Date | null; last: Date | null }>(sql`
    SELECT (SELECT time FROM ${t} WHERE stream_id = ${streamId} AND variable_id = ${variableId} ORDER BY time LIMIT 1) AS first,
           (SELECT time FROM ${t} WHERE stream_id = ${streamId} AND variable_id = ${variableId} ORDER BY time DESC LIMIT 1) AS last`);
  const row = result.rows[0];
  return row?.first && row.last ? { first: new Date(row.first), last: new Date(row.last) } : null;
}

export interface BucketQuery {
  streamId: number;
  variableId: number;
  from: Date;
  to: Date;
  bucketSeconds: number;
}

/**
 * Where a roll-up can answer [from, to): `headEnd` and `cut` are the aligned edges of the part read from
 * the roll-up; [from, headEnd) and [cut, to) are read raw.
 */
export interface RollupSegment {
  table: 'observations_1m' | 'observations_1h';
  seconds: number;
  headEnd: Date;
  cut: Date;
}

export const PROFILES_PER_COLUMN = 8;

type BucketRow = { t: Date; min: number; max: number; mean: number; count: string; first: Date; last: Date };

const iso = (d: Date) => sql`${d.toISOString()}::timestamptz`;

function rawPart(caps: Capabilities, q: BucketQuery, from: Date, to: Date): SQL {
  return sql`
    SELECT ${timeBucket(caps, q.bucketSeconds, sql`time`)} AS t, min(value) AS min, max(value) AS max, sum(value) AS sum,
           count(*) AS n, min(time) AS first, max(time) AS last
    FROM observations
    WHERE stream_id = ${q.streamId} AND variable_id = ${q.variableId} AND time >= ${iso(from)} AND time < ${iso(to)}
      AND value IS NOT NULL AND value <> 'NaN'
    GROUP BY 1`;
}

function rollupPart(caps: Capabilities, q: BucketQuery, r: RollupSegment): SQL {
  // The roll-up keeps no per-value times: a bucket's data is taken to span its whole roll-up bucket.
  return sql`
    SELECT ${timeBucket(caps, q.bucketSeconds, sql`bucket`)} AS t, min(min) AS min, max(max) AS max, sum(sum) AS sum,
           sum(count) AS n, min(bucket) AS first, max(bucket) + make_interval(secs => ${r.seconds}) - INTERVAL '1 millisecond' AS last
    FROM ${sql.identifier(r.table)}
    WHERE stream_id = ${q.streamId} AND variable_id = ${q.variableId} AND bucket >= ${iso(r.headEnd)} AND bucket < ${iso(r.cut)}
      AND count > 0
    GROUP BY 1`;
}

/**
 * Per bucket of one scalar series: min, max, mean, count, first and last time. Buckets without a value are
 * absent (the caller draws them as gaps). With a roll-up segment, its part comes from the roll-up and the
 * edges from raw rows; buckets cut by a segment edge are merged, so the answer is the same as all-raw.
 */
export async function readSeriesBuckets(db: Database, caps: Capabilities, q: BucketQuery, rollup: RollupSegment | null): Promise<SeriesBucket[]> {
  const parts = rollup
    ? sql.join([rawPart(caps, q, q.from, rollup.headEnd), rollupPart(caps, q, rollup), rawPart(caps, q, rollup.cut, q.to)], sql` UNION ALL `)
    : rawPart(caps, q, q.from, q.to);
  const result = await db.execute<BucketRow>(sql`
    SELECT t, min(min) AS min, max(max) AS max, sum(sum) / sum(n) AS mean, sum(n) AS count, min(first) AS first, max(last) AS last
    FROM (${parts}) AS parts
    GROUP BY t ORDER BY t`);
  return result.rows.map((r) => ({
    t: new Date(r.t).getTime(), min: Number(r.min), max: Number(r.max), mean: Number(r.mean), count: Number(r.count),
    first: new Date(r.first).getTime(), last: new Date(r.last).getTime(),
  }));
}

/**
 * Starts of the oldest and newest roll-up buckets of the series before `before`, or null. On plain
 * PostgreSQL the roll-ups are refreshed by a job, so the newest bucket may still be filling, and data older
 * than the first refresh may never have been rolled up: the caller reads both edges raw.
 */
export async function getRollupExtent(db: Database, table: RollupSegment['table'], streamId: number, variableId: number, before: Date): Promise<{ first: Date; last: Date } | null> {
  const t = sql.identifier(table);
  const result = await db.execute<{ first: Date | null; last: Date | null }>(sql`
    SELECT (SELECT bucket FROM ${t} WHERE stream_id = ${streamId} AND variable_id = ${variableId} AND bucket < ${iso(before)} ORDER BY bucket LIMIT 1) AS first,
           (SELECT bucket FROM ${t} WHERE stream_id = ${streamId} AND variable_id = ${variableId} AND bucket < ${iso(before)} ORDER BY bucket DESC LIMIT 1) AS last`);
  const row = result.rows[0];
  return row?.first && row.last ? { first: new Date(row.first), last: new Date(row.last) } : null;
}

/** The toolkit's largest-triangle-three-buckets: `points` real points of the series (TimescaleDB toolkit only). */
export async function readLttbPoints(db: Database, q: Omit<BucketQuery, 'bucketSeconds'>, points: number): Promise<SeriesBucket[]> {
  const result = await db.execute<{ time: Date; value: number }>(sql`
    SELECT time, value FROM unnest((
      SELECT lttb(time, value, ${points}::integer) FROM observations
      WHERE stream_id = ${q.streamId} AND variable_id = ${q.variableId} AND time >= ${iso(q.from)} AND time < ${iso(q.to)}
        AND value IS NOT NULL AND value <> 'NaN'))`);
  return result.rows.map((r) => {
    const t = new Date(r.time).getTime();
    const v = Number(r.value);
    return { t, min: v, max: v, mean: v, count: 1, first: t, last: t };
  });
}

/**
 * A profile variable as a grid: per time bucket and gate group (`gateStride` consecutive gates), the mean of
 * up to PROFILES_PER_COLUMN profiles, the first of each equal slice of the bucket. Unnesting every profile
 * of a month of 10-second ceilometer data would read hundreds of millions of elements; picking by time
 * first reads only the index, then the arrays of the picked rows. Sparse data keeps every profile. NaN
 * elements are no data.
 */
export async function readProfileCells(db: Database, caps: Capabilities, q: BucketQuery, gateStride: number): Promise<{ t: number; gate: number; mean: number }[]> {
  const slice = timeBucket(caps, q.bucketSeconds / PROFILES_PER_COLUMN, sql`time`);
  const result = await db.execute<{ t: Date; gate: number; mean: number }>(sql`
    WITH picked AS (
      SELECT DISTINCT ON (slice) time FROM (
        SELECT ${slice} AS slice, time FROM profiles
        WHERE stream_id = ${q.streamId} AND variable_id = ${q.variableId} AND time >= ${iso(q.from)} AND time < ${iso(q.to)}) AS times
      ORDER BY slice, time)
    SELECT ${timeBucket(caps, q.bucketSeconds, sql`p.time`)} AS t, ((u.i - 1) / ${gateStride}::integer)::integer AS gate, avg(u.v)::float8 AS mean
    FROM picked JOIN profiles p ON p.time = picked.time AND p.stream_id = ${q.streamId} AND p.variable_id = ${q.variableId},
         unnest(p.values) WITH ORDINALITY AS u(v, i)
    WHERE u.v IS NOT NULL AND u.v <> 'NaN'
    GROUP BY 1, 2 ORDER BY 1, 2`);
  return result.rows.map((r) => ({ t: new Date(r.t).getTime(), gate: Number(r.gate), mean: Number(r.mean) }));
}
