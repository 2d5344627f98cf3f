// The one place that knows whether the database is TimescaleDB or plain PostgreSQL. Every time-series query
// asks this module which SQL to use; nothing else checks for the extension.
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../client';

export interface Capabilities {
  /** Installed TimescaleDB version, or null on plain PostgreSQL. */
  timescaledb: string | null;
  /** Installed timescaledb_toolkit version (lttb, time_weight, stats_agg), or null. */
  toolkit: string | null;
  /** Whether the server could install TimescaleDB (it is in pg_available_extensions) even if it is not. */
  timescaledbAvailable: boolean;
  serverVersion: string;
}

const cache = new WeakMap<object, Promise<Capabilities>>();

/** Asks the database once per client what it has. */
export function getCapabilities(db: Database): Promise<Capabilities> {
  let pending = cache.get(db);
  if (!pending) {
    pending = detectCapabilities(db);
    cache.set(db, pending);
    pending.catch(() => cache.delete(db));
  }
  return pending;
}

export async function detectCapabilities(db: Database): Promise<Capabilities> {
  const result = await db.execute<{ installed: string | null; toolkit: string | null; available: boolean; version: string }>(sql`
    SELECT (SELECT extversion FROM pg_extension WHERE extname = 'timescaledb') AS installed,
           (SELECT extversion FROM pg_extension WHERE extname = 'timescaledb_toolkit') AS toolkit,
           EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb') AS available,
           current_setting('server_version') AS version`);
  const row = result.rows[0]!;
  return { timescaledb: row.installed, toolkit: row.toolkit, timescaledbAvailable: row.available, serverVersion: row.version };
}

// time_bucket's default origin for intervals is Monday 2000-01-03; date_bin gets the same origin so that a
// bucket means the same span on both kinds of database.
const BUCKET_ORIGIN = sql.raw(`TIMESTAMPTZ '2000-01-03 00:00:00+00'`);

/** SQL for the start of the bucket containing `column`, with `seconds`-wide buckets. */
export function timeBucket(caps: Capabilities, seconds: number, column: SQL): SQL {
  const width = sql`make_interval(secs => ${seconds})`;
  return caps.timescaledb ? sql`time_bucket(${width}, ${column})` : sql`date_bin(${width}, ${column}, ${BUCKET_ORIGIN})`;
}

export function describeCapabilities(caps: Capabilities): string {
  const ts = caps.timescaledb ? `TimescaleDB ${caps.timescaledb}` : caps.timescaledbAvailable ? 'TimescaleDB available, not installed' : 'TimescaleDB no';
  const tk = caps.toolkit ? `toolkit ${caps.toolkit}` : 'toolkit no';
  return `PostgreSQL ${caps.serverVersion.split(' ')[0]}; ${ts}; ${tk}`;
}
