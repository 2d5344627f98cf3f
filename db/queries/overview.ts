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
  /** The config's key variables for this instrument, or null when it names none. */
  keyVariables: string[] | null;
  lastDataAt: Date | null;
  filesAppended: number;
  filesQuarantined: number;
}

export async function listInstrumentOverview(db: Executor): Promise<InstrumentOverviewRow[]> {
  // Latest time per variable is an index-only backward scan of (stream_id, variable_id, time); the max over
  // an instrument's variables is then cheap, with no scan of the time-series tables.
  const result = await db.execute<Record<string, unknown>>(sql`
    SELECT i.id, i.name, i.kind, i.site_id, s.name AS site_name, i.enabled, i.paused, i.expected_interval_seconds, i.key_variables,
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
    keyVariables: Array.isArray(r.key_variables) ? r.key_variables.map(String) : null,
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
 * The latest value of each wanted variable, by instrument. `choices` are lists of names in order of
 * precedence (the instrument's own, then its kind's): the first list of which the instrument has at least one
 * scalar variable is shown, in its order, leaving out the names it does not have. When no list matches (or
 * there is none), its first `fallbackCount` scalar variables stand in (in the order they were first seen).
 * A name that several stream versions share gives the newest value among them.
 */
export async function listLatestKeyValues(db: Executor, wanted: { instrumentId: string; choices: string[][] }[], fallbackCount = 3)
  : Promise<KeyValueRow[]> {
  if (wanted.length === 0) return [];
  const request = JSON.stringify(wanted.map((w) => ({ i: w.instrumentId, choices: w.choices })));
  const result = await db.execute<Record<string, unknown>>(sql`
    SELECT w.i AS instrument_id, pick.name, latest.unit, latest.time, latest.value
    FROM jsonb_to_recordset(${request}::jsonb) AS w(i text, choices jsonb)
    -- Names are what someone expected (a logger program may call them otherwise): the first list with a name
    -- this instrument has wins; with none, k.names is null and its first variables stand in.
    LEFT JOIN LATERAL (
      SELECT c.names FROM jsonb_array_elements(w.choices) WITH ORDINALITY AS l(list, n)
      CROSS JOIN LATERAL (SELECT array(SELECT e.name FROM jsonb_array_elements_text(l.list) WITH ORDINALITY AS e(name, o) ORDER BY e.o) AS names) c
      WHERE EXISTS (
        SELECT 1 FROM streams s JOIN variables v ON v.stream_id = s.id
        WHERE s.instrument_id = w.i AND v.shape = 'scalar' AND v.name = ANY (c.names))
      ORDER BY l.n LIMIT 1) k ON true
    CROSS JOIN LATERAL (
      SELECT v.name, min(v.id) AS first_id FROM streams s JOIN variables v ON v.stream_id = s.id
      WHERE s.instrument_id = w.i AND v.shape = 'scalar' AND (k.names IS NULL OR v.name = ANY (k.names))
      GROUP BY v.name
      ORDER BY CASE WHEN k.names IS NULL THEN min(v.id) ELSE array_position(k.names, v.name) END
      LIMIT CASE WHEN k.names IS NULL THEN ${fallbackCount}::int END) pick
    CROSS JOIN LATERAL (
      SELECT v.unit, o.time, o.value FROM streams s JOIN variables v ON v.stream_id = s.id AND v.name = pick.name
      CROSS JOIN LATERAL (SELECT time, value FROM observations o WHERE o.stream_id = v.stream_id AND o.variable_id = v.id
                          ORDER BY time DESC LIMIT 1) o
      WHERE s.instrument_id = w.i
      ORDER BY o.time DESC LIMIT 1) latest
    ORDER BY w.i, CASE WHEN k.names IS NULL THEN pick.first_id ELSE array_position(k.names, pick.name) END`);
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
  /** Its small copy, likewise; null for images drawn before thumbnails existed. */
  thumbnailPath: string | null;
  /** When it was drawn: the version in its URL. */
  generatedAt: Date;
  stale: boolean;
}

/** Each instrument's quicklook of its latest day (the most recently drawn one when a day has several). */
export async function listNewestQuicklooks(db: Executor): Promise<NewestQuicklookRow[]> {
  const result = await db.execute<Record<string, unknown>>(sql`
    SELECT DISTINCT ON (instrument_id) instrument_id, day::text AS day, kind, path, thumbnail_path, generated_at, stale
    FROM quicklooks ORDER BY instrument_id, day DESC, generated_at DESC, kind`);
  return result.rows.map((r) => ({
    instrumentId: String(r.instrument_id), day: String(r.day), kind: String(r.kind), path: String(r.path),
    thumbnailPath: r.thumbnail_path === null ? null : String(r.thumbnail_path), generatedAt: new Date(r.generated_at as string | Date),
    stale: Boolean(r.stale),
  }));
}
