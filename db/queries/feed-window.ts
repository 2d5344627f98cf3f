// The reads behind feed completeness and gap counts (lib/health/feed-completeness.ts): which series stands
// for an instrument's records, and that series' record times in a window. Every read is a range scan of the
// series' own index, (stream_id, variable_id, time) or (instrument_id, taken_at), on PostgreSQL and
// TimescaleDB alike.
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../client';

export type Executor = Pick<Database, 'execute'>;

/**
 * The series whose record times stand for an instrument's records: one variable (every variable of a stream
 * has a row per record, so one variable's times are the stream's record times) together with its namesakes
 * in the other versions of the same stream, so a program change or programs that alternate do not lose
 * records; or the instrument's media for camera-like instruments.
 */
export type RecordSeries =
  | { instrumentId: string; table: 'observations' | 'profiles'; parts: { streamId: number; variableId: number }[] }
  | { instrumentId: string; table: 'media' };

/**
 * Per instrument, the series with the newest data: the variable most recently written (its stream's newest
 * version) with its namesakes, or the media when an image is newer than any value. Instruments with no data
 * at all are left out. `instrumentIds: null` reads every current instrument.
 */
export async function listRecordSeries(db: Executor, instrumentIds: readonly string[] | null = null): Promise<RecordSeries[]> {
  if (instrumentIds && instrumentIds.length === 0) return [];
  const only = instrumentIds ? sql`AND i.id IN (${sql.join(instrumentIds.map((id) => sql`${id}`), sql`, `)})` : sql``;
  const result = await db.execute<Record<string, unknown>>(sql`
    SELECT i.id AS instrument_id, r.shape, r.last_time, versions.stream_ids, versions.variable_ids,
           (SELECT max(m.taken_at) FROM media m WHERE m.instrument_id = i.id) AS last_media
    FROM instruments i
    LEFT JOIN LATERAL (
      SELECT v.shape, v.name, s.name AS stream_name, t.last_time
      FROM streams s JOIN variables v ON v.stream_id = s.id
      CROSS JOIN LATERAL (SELECT CASE WHEN v.shape = 'scalar'
          THEN (SELECT max(o.time) FROM observations o WHERE o.stream_id = v.stream_id AND o.variable_id = v.id)
          ELSE (SELECT max(p.time) FROM profiles p WHERE p.stream_id = v.stream_id AND p.variable_id = v.id) END AS last_time) t
      WHERE s.instrument_id = i.id AND t.last_time IS NOT NULL
      ORDER BY t.last_time DESC, v.id LIMIT 1) r ON true
    LEFT JOIN LATERAL (
      SELECT array_agg(v.stream_id ORDER BY v.id) AS stream_ids, array_agg(v.id ORDER BY v.id) AS variable_ids
      FROM streams s JOIN variables v ON v.stream_id = s.id
      WHERE s.instrument_id = i.id AND s.name = r.stream_name AND v.name = r.name AND v.shape = r.shape) versions ON true
    WHERE i.removed_from_config_at IS NULL ${only}`);
  const series: RecordSeries[] = [];
  for (const r of result.rows) {
    const instrumentId = String(r.instrument_id);
    const lastValues = r.last_time ? new Date(String(r.last_time)).getTime() : null;
    const lastMedia = r.last_media ? new Date(String(r.last_media)).getTime() : null;
    if (lastMedia !== null && (lastValues === null || lastMedia > lastValues)) series.push({ instrumentId, table: 'media' });
    else if (lastValues !== null) {
      const streamIds = (r.stream_ids as (number | string)[]).map(Number);
      const parts = (r.variable_ids as (number | string)[]).map((variableId, i) => ({ streamId: streamIds[i]!, variableId: Number(variableId) }));
      series.push({ instrumentId, table: r.shape === 'profile' ? 'profiles' : 'observations', parts });
    }
  }
  return series;
}

export interface SeriesWindowTimes {
  /** Distinct record times in the record window [from, to). */
  records: number;
  /** The steps around and inside the gap window, when one was asked for. */
  steps: SeriesWindowSteps | null;
}

export interface SeriesWindowSteps {
  /** First and last record time in the gap window [from, to); null when it holds none. */
  first: Date | null;
  last: Date | null;
  /** The last record before the gap window and the first one at or after its end. */
  before: Date | null;
  after: Date | null;
  /** Steps longer than the threshold between consecutive records inside the gap window. */
  innerGaps: number;
  /** The first `list` of those steps, earliest first. */
  listed: { from: Date; to: Date }[];
}

export interface SeriesWindowQuery {
  records: { from: Date; to: Date };
  /** null: count records only. */
  gaps: { from: Date; to: Date; thresholdSeconds: number; list: number } | null;
}

export interface SeriesWindowRequest {
  series: RecordSeries;
  query: SeriesWindowQuery;
}

/**
 * What completeness and gap counting need from each series: its distinct record times in one window, and
 * in a second window (often the same one) the steps between consecutive records with the records just
 * outside it, so a hole across a window edge can be judged. One statement for all the series (one
 * connection, one round trip), whose branches each read one series' index as a query of its own would.
 * Answers come in the order of `requests`.
 */
export async function readSeriesWindows(db: Executor, requests: readonly SeriesWindowRequest[]): Promise<SeriesWindowTimes[]> {
  if (requests.length === 0) return [];
  const branches = requests.map((r, k) => sql`(${seriesWindowSelect(k, r.series, r.query)})`);
  const result = await db.execute<Record<string, unknown>>(sql.join(branches, sql` UNION ALL `));
  const answers: SeriesWindowTimes[] = new Array(requests.length);
  const date = (v: unknown) => (v === null || v === undefined ? null : new Date(String(v)));
  for (const row of result.rows) {
    const k = Number(row.k);
    answers[k] = {
      records: Number(row.records),
      steps: requests[k]!.query.gaps === null ? null : {
        first: date(row.first),
        last: date(row.last),
        before: date(row.before),
        after: date(row.after),
        innerGaps: Number(row.inner_gaps),
        listed: ((row.listed ?? []) as [string, string][]).map(([from, to]) => ({ from: new Date(from), to: new Date(to) })),
      },
    };
  }
  return answers;
}

/** One series' answer as a row tagged `k`; the columns line up for every kind of request. */
function seriesWindowSelect(k: number, series: RecordSeries, q: SeriesWindowQuery): SQL {
  const records = sql`(SELECT count(DISTINCT t) FROM (${times(series, (time) => sql`${time} >= ${at(q.records.from)} AND ${time} < ${at(q.records.to)}`)}) r)`;
  if (!q.gaps) {
    return sql`SELECT ${k}::int AS k, ${records} AS records, NULL::bigint AS inner_gaps, NULL::text AS first, NULL::text AS last,
      NULL::json AS listed, NULL::text AS before, NULL::text AS after`;
  }
  const g = q.gaps;
  // With one window for both (the partner API's range), the pass over the steps gives the record count too,
  // so the range is read once.
  const sameWindow = g.from.getTime() === q.records.from.getTime() && g.to.getTime() === q.records.to.getTime();
  const wide = sql`t - prev > make_interval(secs => ${g.thresholdSeconds})`;
  const listed = g.list > 0 ? sql`to_json((array_agg(json_build_array(prev, t) ORDER BY t) FILTER (WHERE ${wide}))[1:${g.list}])` : sql`NULL::json`;
  return sql`
    SELECT ${k}::int AS k, ${sameWindow ? sql`s.records` : records} AS records, s.inner_gaps, s.first::text AS first, s.last::text AS last, s.listed,
      (SELECT max(t) FROM (${times(series, (time) => sql`${time} < ${at(g.from)}`, 'DESC')}) b)::text AS before,
      (SELECT min(t) FROM (${times(series, (time) => sql`${time} >= ${at(g.to)}`, 'ASC')}) a)::text AS after
    FROM (
      SELECT count(DISTINCT t) AS records, count(*) FILTER (WHERE ${wide}) AS inner_gaps, min(t) AS first, max(t) AS last, ${listed} AS listed
      FROM (SELECT t, lag(t) OVER (ORDER BY t) AS prev
            FROM (${times(series, (time) => sql`${time} >= ${at(g.from)} AND ${time} < ${at(g.to)}`)}) w) steps
    ) s`;
}

const at = (d: Date) => sql`${d.toISOString()}::timestamptz`;

/**
 * The series' record times matching `where`, as `t`: one branch per stream version, each an ordered range
 * scan of the series index (one version, the usual case, needs no sort). With `nearest`, each branch gives
 * only its record nearest to the bound (the caller takes the max or min over branches).
 */
function times(series: RecordSeries, where: (time: SQL) => SQL, nearest?: 'ASC' | 'DESC'): SQL {
  const limit = nearest ? sql` ORDER BY 1 ${sql.raw(nearest)} LIMIT 1` : sql``;
  if (series.table === 'media') {
    return sql`(SELECT taken_at AS t FROM media WHERE instrument_id = ${series.instrumentId} AND ${where(sql`taken_at`)}${limit})`;
  }
  const table = sql.identifier(series.table);
  return sql.join(series.parts.map((p) =>
    sql`(SELECT time AS t FROM ${table} WHERE stream_id = ${p.streamId} AND variable_id = ${p.variableId} AND ${where(sql`time`)}${limit})`), sql` UNION ALL `);
}
