// Reads for the overview (home) page and the feed-health collector: every instrument with its site and last
// data time, the latest values of its key variables and its newest quicklook (completeness and gaps come
// from db/queries/feed-window.ts). Plain SQL that runs unchanged on PostgreSQL and TimescaleDB (hypertables
// answer these index scans like plain tables do).
import { sql } from 'drizzle-orm';
import type { Database } from '../client';

export type Executor = Pick<Database, 'execute'>;

export interface InstrumentOverviewRow {
  id: string;
  name: string;
  kind: string;
  siteId: string;
  siteName: string;
  enabled: boolean;
  paused: boolean;
  expectedIntervalSeconds: number | null;
  lastDataAt: Date | null;
  filesAppended: number;
  filesQuarantined: number;
}

export async function listInstrumentOverview(db: Executor): Promise<InstrumentOverviewRow[]> {
  // Latest time per variable is an index-only backward scan of (stream_id, variable_id, time); the max over
  // an instrument's variables is then cheap, with no scan of the time-series tables.
  const result = await db.execute<Record<string, unknown>>(sql`
    SELECT i.id, i.name, i.kind, i.site_id, s.name AS site_name, i.enabled, i.paused, i.expected_interval_seconds,
           GREATEST(
             (SELECT max(greatest(
                 (SELECT max(o.time) FROM observations o WHERE o.stream_id = v.stream_id AND o.variable_id = v.id),
                 (SELECT max(p.time) FROM profiles p WHERE p.stream_id = v.stream_id AND p.variable_id = v.id)))
              FROM streams st JOIN variables v ON v.stream_id = st.id WHERE st.instrument_id = i.id),
             (SELECT max(m.taken_at) FROM media m WHERE m.instrument_id = i.id)
           ) AS last_data_at,
           (SELECT count(*) FROM files f WHERE f.instrument_id = i.id AND f.state = 'appended') AS files_appended,
           (SELECT count(*) FROM files f WHERE f.instrument_id = i.id AND f.state = 'quarantined') AS files_quarantined
    FROM instruments i JOIN sites s ON s.id = i.site_id
    WHERE i.removed_from_config_at IS NULL
    ORDER BY s.name, i.name`);
  return result.rows.map((r) => ({
    id: String(r.id),
    name: String(r.name),
    kind: String(r.kind),
    siteId: String(r.site_id),
    siteName: String(r.site_name),
    enabled: Boolean(r.enabled),
    paused: Boolean(r.paused),
    expectedIntervalSeconds: r.expected_interval_seconds === null ? null : Number(r.expected_interval_seconds),
    lastDataAt: r.last_data_at ? new Date(String(r.last_data_at)) : null,
    filesAppended: Number(r.files_appended),
    filesQuarantined: Number(r.files_quarantined),
  }));
}

export interface KeyValueRow {
  instrumentId: string;
  name: string;
  unit: string | null;
  time: Date;
  value: number | null;
}

/**
 * The latest value of each wanted variable, by instrument, in the order asked for. `names: null`, or names
 * none of which the instrument has, takes its first `fallbackCount` scalar variables (in the order they were
 * first seen). A name that several stream versions share gives the newest value among them.
 */
export async function listLatestKeyValues(db: Executor, wanted: { instrumentId: string; names: string[] | null }[], fallbackCount = 3)
  : Promise<KeyValueRow[]> {
  if (wanted.length === 0) return [];
  const request = JSON.stringify(wanted.map((w) => ({ i: w.instrumentId, names: w.names })));
  const result = await db.execute<Record<string, unknown>>(sql`
    SELECT w.i AS instrument_id, pick.name, latest.unit, latest.time, latest.value
    FROM jsonb_to_recordset(${request}::jsonb) AS w(i text, names text[])
    -- A kind's key variables are the usual names (a logger program may call them otherwise): when none of
    -- them exists for this instrument, its first variables stand in.
    CROSS JOIN LATERAL (
      SELECT w.names IS NOT NULL AND EXISTS (
        SELECT 1 FROM streams s JOIN variables v ON v.stream_id = s.id
        WHERE s.instrument_id = w.i AND v.shape = 'scalar' AND v.name = ANY (w.names)) AS named) k
    CROSS JOIN LATERAL (
      SELECT v.name, min(v.id) AS first_id FROM streams s JOIN variables v ON v.stream_id = s.id
      WHERE s.instrument_id = w.i AND v.shape = 'scalar' AND (NOT k.named OR v.name = ANY (w.names))
      GROUP BY v.name
      ORDER BY CASE WHEN NOT k.named THEN min(v.id) ELSE array_position(w.names, v.name) END
      LIMIT CASE WHEN NOT k.named THEN ${fallbackCount}::int END) pick
    CROSS JOIN LATERAL (
      SELECT v.unit, o.time, o.value FROM streams s JOIN variables v ON v.stream_id = s.id AND v.name = pick.name
      CROSS JOIN LATERAL (SELECT time, value FROM observations o WHERE o.stream_id = v.stream_id AND o.variable_id = v.id
                          ORDER BY time DESC LIMIT 1) o
      WHERE s.instrument_id = w.i
      ORDER BY o.time DESC LIMIT 1) latest
    ORDER BY w.i, CASE WHEN NOT k.named THEN pick.first_id ELSE array_position(w.names, pick.name) END`);
  return result.rows.map((r) => ({
    instrumentId: String(r.instrument_id),
    name: String(r.name),
    unit: r.unit === null ? null : String(r.unit),
    time: new Date(String(r.time)),
    value: r.value === null ? null : Number(r.value),
  }));
}

export interface NewestQuicklookRow {
  instrumentId: string;
  day: string;
  kind: string;
  /** Relative to the data directory (`products/quicklooks/...`), served at `/` + path. */
  path: string;
  stale: boolean;
}

/** Each instrument's quicklook of its latest day (the most recently drawn one when a day has several). */
export async function listNewestQuicklooks(db: Executor): Promise<NewestQuicklookRow[]> {
  const result = await db.execute<Record<string, unknown>>(sql`
    SELECT DISTINCT ON (instrument_id) instrument_id, day::text AS day, kind, path, stale
    FROM quicklooks ORDER BY instrument_id, day DESC, generated_at DESC, kind`);
  return result.rows.map((r) => ({
    instrumentId: String(r.instrument_id), day: String(r.day), kind: String(r.kind), path: String(r.path), stale: Boolean(r.stale),
  }));
}
