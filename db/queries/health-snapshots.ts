// health_snapshots: the compact, queryable half of each health collection (the raw half is the daily JSONL
// file). Writes come from the collector; reads serve alert evaluation (db/queries/alerts.ts) and ops pages.
import { sql } from 'drizzle-orm';
import type { Database } from '../client';
import { healthSnapshots, type NewHealthSnapshot } from '../schema';
import { getCapabilities, timeBucket } from '../timeseries/capabilities';

export type Executor = Pick<Database, 'execute' | 'insert'>;

export async function insertHealthSnapshots(tx: Executor, rows: NewHealthSnapshot[]): Promise<number> {
  // Batches keep each INSERT well under PostgreSQL's parameter limit however many series there are.
  for (let i = 0; i < rows.length; i += 1000) await tx.insert(healthSnapshots).values(rows.slice(i, i + 1000));
  return rows.length;
}

export interface LatestHealthReading {
  time: Date;
  component: string;
  metric: string;
  labels: Record<string, string>;
  value: number | null;
}

/** The newest reading of every (component, metric, labels) seen in the last `withinSeconds`: the ops overview. */
export async function listLatestHealth(db: Pick<Database, 'execute'>, withinSeconds = 900, now: Date = new Date()): Promise<LatestHealthReading[]> {
  const result = await db.execute<Record<string, unknown>>(sql`
    SELECT DISTINCT ON (metric, component, labels) time, component, metric, labels, value
    FROM health_snapshots
    WHERE time > ${now.toISOString()}::timestamptz - make_interval(secs => ${withinSeconds}) AND time <= ${now.toISOString()}
    ORDER BY metric, component, labels, time DESC`);
  return result.rows.map((r) => ({
    time: new Date(r.time as string), component: String(r.component), metric: String(r.metric),
    labels: (r.labels ?? {}) as Record<string, string>, value: r.value === null ? null : Number(r.value),
  }));
}

/** One series over a time range in buckets (max per bucket: the worst reading is the one that matters). */
export async function healthSeries(
  db: Database, query: { metric: string; component: string; from: Date; to: Date; bucketSeconds: number },
): Promise<{ time: Date; value: number | null }[]> {
  const caps = await getCapabilities(db);
  const bucket = timeBucket(caps, query.bucketSeconds, sql`time`);
  const result = await db.execute<{ bucket: string; value: string | number | null }>(sql`
    SELECT ${bucket} AS bucket, max(value) AS value FROM health_snapshots
    WHERE metric = ${query.metric} AND component = ${query.component} AND time >= ${query.from.toISOString()} AND time < ${query.to.toISOString()}
    GROUP BY 1 ORDER BY 1`);
  return result.rows.map((r) => ({ time: new Date(r.bucket), value: r.value === null ? null : Number(r.value) }));
}
