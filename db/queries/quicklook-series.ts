// Reads for the quicklooks renderer: which variables an instrument has, and its series and profiles over a
// window, averaged into time buckets (and profiles into axis bins) by the database, so that a day of 1 Hz
// data or 5 s profiles reaches the renderer as at most a few hundred thousand numbers.
import { sql } from 'drizzle-orm';
import type { Database } from '../client';
import { getCapabilities, timeBucket } from '../timeseries/capabilities';

export interface CatalogVariable {
  /** Every id of this name in the stream (all stream versions), so a program change does not split the line. */
  ids: number[];
  /** The streams those ids live in (the series index leads with stream_id). */
  streamIds: number[];
  name: string;
  stream: string;
  unit: string | null;
  shape: 'scalar' | 'profile';
  axis: { name: string; unit: string | null; values: number[] } | null;
}

/** The instrument's variables by stream and name, in the order they were first seen. */
export async function listInstrumentVariables(db: Database, instrumentId: string): Promise<CatalogVariable[]> {
  const result = await db.execute<{ ids: number[]; streamIds: number[]; name: string; stream: string; unit: string | null; shape: 'scalar' | 'profile'; axis: CatalogVariable['axis'] }>(sql`
    SELECT array_agg(v.id ORDER BY s.version DESC) AS ids, array_agg(DISTINCT s.id) AS "streamIds", v.name, s.name AS stream,
           (array_agg(v.unit ORDER BY s.version DESC))[1] AS unit,
           (array_agg(v.shape::text ORDER BY s.version DESC))[1] AS shape,
           (array_agg(v.axis ORDER BY s.version DESC))[1] AS axis
    FROM variables v JOIN streams s ON s.id = v.stream_id
    WHERE s.instrument_id = ${instrumentId}
    GROUP BY s.name, v.name
    ORDER BY min(v.id)`);
  return result.rows;
}

/** The ids to read one named series by (all its stream versions). */
export interface SeriesIds {
  streamIds: number[];
  variableIds: number[];
}

export interface Window {
  from: Date;
  to: Date;
}

/** Median spacing of the first rows of these variables in the window, in seconds (null without two rows). */
export async function typicalIntervalSeconds(db: Database, table: 'observations' | 'profiles', series: SeriesIds, window: Window): Promise<number | null> {
  if (series.variableIds.length === 0) return null;
  const source = table === 'observations' ? sql`observations` : sql`profiles`;
  const result = await db.execute<{ seconds: number | null }>(sql`
    SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY dt) AS seconds FROM (
      SELECT extract(epoch FROM time - lag(time) OVER (ORDER BY time)) AS dt FROM (
        SELECT DISTINCT time FROM ${source}
        WHERE stream_id = ANY(${sql.param(series.streamIds)}::int[]) AND variable_id = ANY(${sql.param(series.variableIds)}::int[])
          AND time >= ${window.from.toISOString()}::timestamptz AND time < ${window.to.toISOString()}::timestamptz
        ORDER BY time LIMIT 500) first_rows) d
    WHERE dt > 0`);
  const seconds = result.rows[0]?.seconds;
  return seconds === null || seconds === undefined ? null : Number(seconds);
}

export interface BucketValue {
  variableId: number;
  bucketMs: number;
  value: number | null;
}

/** Mean of each variable per time bucket; buckets without values are absent, missing values are skipped. */
export async function readScalarBuckets(db: Database, series: SeriesIds, window: Window, bucketSeconds: number): Promise<BucketValue[]> {
  if (series.variableIds.length === 0) return [];
  const bucket = timeBucket(await getCapabilities(db), bucketSeconds, sql`time`);
  const result = await db.execute<{ variable_id: number; bucket_ms: string; value: number | null }>(sql`
    SELECT variable_id, (extract(epoch FROM ${bucket}) * 1000)::bigint AS bucket_ms, avg(value) AS value
    FROM observations
    WHERE stream_id = ANY(${sql.param(series.streamIds)}::int[]) AND variable_id = ANY(${sql.param(series.variableIds)}::int[])
          AND time >= ${window.from.toISOString()}::timestamptz AND time < ${window.to.toISOString()}::timestamptz
      AND value IS NOT NULL AND value <> 'NaN'::float8
    GROUP BY 1, 2 ORDER BY 2`);
  return result.rows.map((r) => ({ variableId: Number(r.variable_id), bucketMs: Number(r.bucket_ms), value: r.value === null ? null : Number(r.value) }));
}

export interface ProfileCell {
  bucketMs: number;
  bin: number;
  value: number;
}

/**
 * Mean of a profile variable per time bucket and axis bin (`binSize` consecutive elements), over at most
 * `perBucket` profiles of each bucket (the first ones): unnesting every 5 s profile of a day is most of the
 * cost of a curtain, and a few profiles per pixel column already smooth the noise. The caller reads a day in
 * slices (a few hours each) so that memory stays bounded whatever the profile rate.
 */
export async function readProfileCells(db: Database, series: SeriesIds, window: Window, bucketSeconds: number, binSize: number, perBucket = 4): Promise<ProfileCell[]> {
  if (series.variableIds.length === 0) return [];
  const bucket = timeBucket(await getCapabilities(db), bucketSeconds, sql`p.time`);
  const result = await db.execute<{ bucket_ms: string; bin: number; value: number }>(sql`
    WITH picked AS (
      SELECT bucket, values FROM (
        SELECT ${bucket} AS bucket, p.values, row_number() OVER (PARTITION BY ${bucket} ORDER BY p.time) AS n
        FROM profiles p
        WHERE p.stream_id = ANY(${sql.param(series.streamIds)}::int[]) AND p.variable_id = ANY(${sql.param(series.variableIds)}::int[])
          AND p.time >= ${window.from.toISOString()}::timestamptz AND p.time < ${window.to.toISOString()}::timestamptz) ranked
      WHERE n <= ${perBucket})
    SELECT (extract(epoch FROM bucket) * 1000)::bigint AS bucket_ms, ((u.ord - 1) / ${binSize}::int)::int AS bin, avg(u.v) AS value
    FROM picked CROSS JOIN LATERAL unnest(picked.values) WITH ORDINALITY AS u(v, ord)
    WHERE u.v <> 'NaN'::real AND u.v <> 'Infinity'::real AND u.v <> '-Infinity'::real
    GROUP BY 1, 2`);
  return result.rows.map((r) => ({ bucketMs: Number(r.bucket_ms), bin: Number(r.bin), value: Number(r.value) }));
}

/** The latest data time of the instrument in the window (scalars, profiles or media), or null. */
export async function readDataMaxTime(db: Database, instrumentId: string, window: Window): Promise<Date | null> {
  const result = await db.execute<{ max: Date | string | null }>(sql`
    SELECT greatest(
      (SELECT max(o.time) FROM observations o WHERE o.stream_id IN (SELECT id FROM streams WHERE instrument_id = ${instrumentId})
         AND o.time >= ${window.from.toISOString()}::timestamptz AND o.time < ${window.to.toISOString()}::timestamptz),
      (SELECT max(p.time) FROM profiles p WHERE p.stream_id IN (SELECT id FROM streams WHERE instrument_id = ${instrumentId})
         AND p.time >= ${window.from.toISOString()}::timestamptz AND p.time < ${window.to.toISOString()}::timestamptz),
      (SELECT max(m.taken_at) FROM media m WHERE m.instrument_id = ${instrumentId} AND m.taken_at >= ${window.from.toISOString()}::timestamptz AND m.taken_at < ${window.to.toISOString()}::timestamptz)
    ) AS max`);
  const max = result.rows[0]?.max;
  return max ? new Date(max) : null;
}
