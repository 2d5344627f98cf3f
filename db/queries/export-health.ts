// Record times of one variable inside a requested range: how many, and where the spacing exceeds a
// threshold (the gaps). One index range scan of (stream_id, variable_id, time).
import { sql } from 'drizzle-orm';
import type { Queryable } from '../client';
import { toIntArray } from './export-catalog';

export interface RangeRecords {
  count: number;
  first: Date | null;
  last: Date | null;
  /** Gaps between consecutive records, earliest first, at most `limit` of them. */
  gaps: { from: Date; to: Date }[];
  gapCount: number;
}

export async function getRangeRecords(
  db: Queryable,
  variable: { streamIds: number[]; variableIds: number[]; shape: string },
  range: { start: Date; end: Date },
  gapSeconds: number,
  limit: number,
): Promise<RangeRecords> {
  const table = variable.shape === 'profile' ? sql`profiles` : sql`observations`;
  const result = await db.execute<{ n: string; first: string | null; last: string | null; gap_count: string; gaps: { from: string; to: string }[] | null }>(sql`
    WITH t AS MATERIALIZED (
      SELECT time FROM ${table}
      WHERE stream_id = ANY(${toIntArray(variable.streamIds)}) AND variable_id = ANY(${toIntArray(variable.variableIds)})
        AND time >= ${range.start.toISOString()} AND time < ${range.end.toISOString()}
    ), g AS MATERIALIZED (
      SELECT lag(time) OVER (ORDER BY time) AS prev, time FROM t
    ), wide AS (
      SELECT prev, time FROM g WHERE time - prev > make_interval(secs => ${gapSeconds})
    )
    SELECT (SELECT count(*) FROM t) AS n, (SELECT min(time) FROM t)::text AS first, (SELECT max(time) FROM t)::text AS last,
           (SELECT count(*) FROM wide) AS gap_count,
           (SELECT json_agg(json_build_object('from', w.prev, 'to', w.time) ORDER BY w.prev)
              FROM (SELECT * FROM wide ORDER BY prev LIMIT ${limit}) w) AS gaps`);
  const row = result.rows[0]!;
  return {
    count: Number(row.n),
    first: row.first ? new Date(row.first) : null,
    last: row.last ? new Date(row.last) : null,
    gapCount: Number(row.gap_count),
    gaps: (row.gaps ?? []).map((g) => ({ from: new Date(g.from), to: new Date(g.to) })),
  };
}
