// Keeps observations_1m and observations_1h current. On TimescaleDB they are continuous aggregates with
// refresh policies; an explicit refresh (after a late file) asks TimescaleDB to redo a range. On plain
// PostgreSQL they are tables that this code recomputes bucket by bucket for the range.
import { sql } from 'drizzle-orm';
import type { Database } from '../client';
import { type Capabilities, getCapabilities, timeBucket } from './capabilities';

const ROLLUPS = [
  { table: 'observations_1m', seconds: 60 },
  { table: 'observations_1h', seconds: 3600 },
] as const;

export interface RefreshResult {
  buckets: number;
}

/** Recomputes every roll-up bucket that overlaps [from, to). */
export async function refreshRollups(db: Database, from: Date, to: Date): Promise<RefreshResult> {
  const caps = await getCapabilities(db);
  let buckets = 0;
  for (const rollup of ROLLUPS) {
    const start = floorTo(from, rollup.seconds);
    const end = ceilTo(to, rollup.seconds);
    if (caps.timescaledb) {
      // CALL cannot run in a transaction block; db.execute runs it on its own.
      await db.execute(sql`CALL refresh_continuous_aggregate(${rollup.table}::regclass, ${start.toISOString()}::timestamptz, ${end.toISOString()}::timestamptz)`);
    } else {
      buckets += await recomputePortable(db, caps, rollup.table, rollup.seconds, start, end);
    }
  }
  return { buckets };
}

async function recomputePortable(db: Database, caps: Capabilities, table: string, seconds: number, start: Date, end: Date): Promise<number> {
  const bucket = timeBucket(caps, seconds, sql`time`);
  const target = sql.identifier(table);
  return db.transaction(async (tx) => {
    // Buckets whose source rows are all gone (never happens with append-only data, but keep it exact).
    await tx.execute(sql`DELETE FROM ${target} WHERE bucket >= ${start.toISOString()}::timestamptz AND bucket < ${end.toISOString()}::timestamptz`);
    const result = await tx.execute(sql`
      INSERT INTO ${target} (bucket, stream_id, variable_id, min, max, mean, sum, count)
      SELECT ${bucket} AS bucket, stream_id, variable_id, min(value), max(value), avg(value), sum(value), count(value)
      FROM observations
      WHERE time >= ${start.toISOString()}::timestamptz AND time < ${end.toISOString()}::timestamptz
      GROUP BY 1, 2, 3`);
    return result.rowCount ?? 0;
  });
}

function floorTo(date: Date, seconds: number): Date {
  const ms = seconds * 1000;
  return new Date(Math.floor(date.getTime() / ms) * ms);
}

function ceilTo(date: Date, seconds: number): Date {
  const ms = seconds * 1000;
  return new Date(Math.ceil(date.getTime() / ms) * ms);
}
