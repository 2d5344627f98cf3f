// The instrument page's pipeline grid: per UTC day, the latest run of each stage (job_runs) and the states
// of the files whose data falls on that day (by data start, or modification time before parsing).
import { sql } from 'drizzle-orm';
import type { Database } from '../client';

export interface StageRun {
  queue: string;
  day: string;
  outcome: string;
  startedAt: Date;
  error: string | null;
}

export async function listLatestStageRuns(db: Database, instrumentId: string, queues: string[], fromDay: string, toDay: string): Promise<StageRun[]> {
  const result = await db.execute<{ queue: string; day: string; outcome: string; started_at: Date; error: string | null }>(sql`
    SELECT DISTINCT ON (queue, day) queue, to_char(day, 'YYYY-MM-DD') AS day, outcome::text AS outcome, started_at, error
    FROM job_runs
    WHERE instrument_id = ${instrumentId} AND day BETWEEN ${fromDay}::date AND ${toDay}::date
      AND queue IN (${sql.join(queues.map((q) => sql`${q}`), sql`, `)})
    ORDER BY queue, day, started_at DESC`);
  return result.rows.map((r) => ({ queue: r.queue, day: r.day, outcome: r.outcome, startedAt: new Date(r.started_at), error: r.error }));
}

const fileDay = sql`to_char(coalesce(data_start, mtime) AT TIME ZONE 'UTC', 'YYYY-MM-DD')`;

export async function countFileStatesByDay(db: Database, instrumentId: string, fromDay: string, toDay: string): Promise<{ day: string; state: string; n: number }[]> {
  const result = await db.execute<{ day: string; state: string; n: number }>(sql`
    SELECT ${fileDay} AS day, state::text AS state, count(*)::int AS n
    FROM files
    WHERE instrument_id = ${instrumentId}
      AND coalesce(data_start, mtime) >= ${fromDay}::date AT TIME ZONE 'UTC'
      AND coalesce(data_start, mtime) < (${toDay}::date + 1) AT TIME ZONE 'UTC'
    GROUP BY 1, 2`);
  return result.rows.map((r) => ({ day: r.day, state: r.state, n: Number(r.n) }));
}

/** Files of one day that an append re-run should (re)try: fetched, failed or quarantined ones. */
export async function listFileIdsToAppend(db: Database, instrumentId: string, day: string): Promise<number[]> {
  const result = await db.execute<{ id: string }>(sql`
    SELECT id FROM files
    WHERE instrument_id = ${instrumentId} AND state IN ('fetched', 'failed', 'quarantined')
      AND coalesce(data_start, mtime) >= ${day}::date AT TIME ZONE 'UTC'
      AND coalesce(data_start, mtime) < (${day}::date + 1) AT TIME ZONE 'UTC'
    ORDER BY id`);
  return result.rows.map((r) => Number(r.id));
}

/** Newest day with a file or a run, so the grid opens where there is something to see. */
export async function getNewestPipelineDay(db: Database, instrumentId: string): Promise<string | null> {
  const result = await db.execute<{ day: string | null }>(sql`
    SELECT greatest(
      (SELECT max(${fileDay}) FROM files WHERE instrument_id = ${instrumentId}),
      (SELECT to_char(max(day), 'YYYY-MM-DD') FROM job_runs WHERE instrument_id = ${instrumentId})) AS day`);
  return result.rows[0]?.day ?? null;
}
