// The partner API's data query: scalar observations pivoted to one row per time (or per time bucket) with
// the requested variables as columns, ordered by time. Built as SQL text with only server-made literals
// (integer ids, ISO times, bucket widths from a fixed list) because COPY ... TO STDOUT takes no bind
// parameters; the same text runs behind a cursor for the formats that are encoded in JavaScript.
import { type SQL, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Capabilities } from '../timeseries/capabilities';
import { timeBucket } from '../timeseries/capabilities';
import type { Queryable } from '../client';

export interface ExportSeries {
  variableIds: number[];
  streamIds: number[];
}

export interface ExportQuery {
  series: ExportSeries[];
  start: Date;
  end: Date;
  /** Bucket width in seconds; 0 for the raw records. */
  everySeconds: number;
  agg: 'mean' | 'min' | 'max' | 'last';
}

const dialect = new PgDialect();
const ids = (list: number[]) => sql.raw(list.map((n) => String(Math.trunc(n))).join(','));
const timeLiteral = (d: Date) => sql.raw(`TIMESTAMPTZ '${d.toISOString()}'`);

function allIds(q: ExportQuery) {
  return {
    variables: [...new Set(q.series.flatMap((s) => s.variableIds))],
    streams: [...new Set(q.series.flatMap((s) => s.streamIds))],
  };
}

function whereClause(q: ExportQuery): SQL {
  const { variables, streams } = allIds(q);
  return sql`o.stream_id IN (${ids(streams)}) AND o.variable_id IN (${ids(variables)})
    AND o.time >= ${timeLiteral(q.start)} AND o.time < ${timeLiteral(q.end)}`;
}

function column(q: ExportQuery, s: ExportSeries, index: number): SQL {
  const mine = sql`o.variable_id IN (${ids(s.variableIds)})`;
  const name = sql.raw(`c${index}`);
  if (q.everySeconds === 0) return sql`max(o.value) FILTER (WHERE ${mine}) AS ${name}`;
  if (q.agg === 'last') return sql`(array_agg(o.value ORDER BY o.time DESC) FILTER (WHERE ${mine} AND o.value IS NOT NULL))[1] AS ${name}`;
  const fn = sql.raw(q.agg === 'mean' ? 'avg' : q.agg);
  return sql`${fn}(o.value) FILTER (WHERE ${mine}) AS ${name}`;
}

/** The time an export row stands for: the record's own, or its bucket's start. */
function bucketOf(caps: Capabilities, q: ExportQuery): SQL {
  return q.everySeconds === 0 ? sql`o.time` : timeBucket(caps, q.everySeconds, sql`o.time`);
}

/** One row per time (bucket start): `t` timestamptz, then c0..cN in the order of `series`. */
function groupedRows(caps: Capabilities, q: ExportQuery): SQL {
  const bucket = bucketOf(caps, q);
  const columns = sql.join(q.series.map((s, i) => column(q, s, i)), sql`, `);
  return sql`SELECT ${bucket} AS t, ${columns} FROM observations o WHERE ${whereClause(q)} GROUP BY 1`;
}

function toText(query: SQL): string {
  return dialect.sqlToQuery(query.inlineParams()).sql;
}

/** For COPY ... CSV: the time as ISO 8601 UTC with milliseconds, then the values. */
export function exportCsvSelect(caps: Capabilities, q: ExportQuery): string {
  const values = sql.raw(q.series.map((_, i) => `g.c${i}`).join(', '));
  return toText(sql`SELECT to_char(g.t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), ${values}
    FROM (${groupedRows(caps, q)}) g ORDER BY g.t`);
}

/**
 * For COPY ... (FORMAT binary): one bytea per row holding the row's netCDF record as PostgreSQL writes
 * float8 on the wire, which is what netCDF-3 stores (IEEE 754, big-endian): `t` as seconds since the epoch,
 * then each value, NaN when missing. So netCDF streams like CSV, with no JavaScript object per row.
 */
export function exportNetcdfSelect(caps: Capabilities, q: ExportQuery): string {
  const values = q.series.map((_, i) => ` || float8send(coalesce(g.c${i}::float8, 'NaN'::float8))`).join('');
  return toText(sql`SELECT float8send(extract(epoch FROM g.t)::float8)${sql.raw(values)} FROM (${groupedRows(caps, q)}) g ORDER BY g.t`);
}

/** Stored values the request touches: an upper bound of what it returns, cheap enough to ask first. */
export async function countStoredValues(db: Queryable, q: ExportQuery): Promise<number> {
  const result = await db.execute<{ n: string }>(sql`SELECT count(*) AS n FROM observations o WHERE ${whereClause(q)}`);
  return Number(result.rows[0]?.n ?? 0);
}

/**
 * Rows the export will have (netCDF writes this count in its header before the data): one per distinct
 * time or bucket among the rows it reads. Counted without grouping the values: counting the grouped rows
 * made the planner pick a parallel hash aggregate that spills, and that plan intermittently ran for many
 * minutes on 10 million values (seconds otherwise), while this sort-based count takes a few seconds.
 */
export async function countExportRows(caps: Capabilities, db: Queryable, q: ExportQuery): Promise<number> {
  const result = await db.execute<{ n: string }>(sql`SELECT count(DISTINCT ${bucketOf(caps, q)}) AS n FROM observations o WHERE ${whereClause(q)}`);
  return Number(result.rows[0]?.n ?? 0);
}

/** JSON for a value: a number, or null for missing, NaN and infinities (which JSON cannot hold). */
const jsonValue = (column: string) =>
  `coalesce(to_json(nullif(nullif(nullif(g.${column}::float8, 'NaN'), 'Infinity'), '-Infinity'))::text, 'null')`;
const isoTime = `to_char(g.t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

/**
 * For COPY: one JSON text per row, made by PostgreSQL so that JSON streams as cheaply as CSV. `ndjson`
 * rows are objects keyed by `keys` (already JSON-encoded names); `json` rows are arrays, each but the
 * first led by a comma, to sit inside the document's `rows` array.
 */
export function exportJsonSelect(caps: Capabilities, q: ExportQuery, style: 'ndjson' | 'json', keys: string[]): string {
  let line: string;
  if (style === 'ndjson') {
    line = [`'{"time":"' || ${isoTime} || '"'`, ...keys.map((key, i) => `${literal(`,${key}:`)} || ${jsonValue(`c${i}`)}`), `'}'`].join(' || ');
  } else {
    const values = q.series.map((_, i) => `',' || ${jsonValue(`c${i}`)}`);
    line = [`CASE WHEN row_number() OVER (ORDER BY g.t) = 1 THEN '' ELSE ',' END || '["' || ${isoTime} || '"'`, ...values, `']'`].join(' || ');
  }
  return toText(sql`SELECT ${sql.raw(line)} FROM (${groupedRows(caps, q)}) g ORDER BY g.t`);
}
