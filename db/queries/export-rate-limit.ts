// The partner API's per-token call counter: one upsert per call on (token, window start).
import { sql } from 'drizzle-orm';
import type { Queryable } from '../client';

/** Counts one call in the token's current window; returns the calls so far in it and when it ends. */
export async function countApiCall(db: Queryable, tokenId: number, windowSeconds: number): Promise<{ calls: number; windowEnd: Date }> {
  const result = await db.execute<{ calls: number; window_end: string }>(sql`
    WITH win AS (SELECT to_timestamp(floor(extract(epoch FROM now()) / ${windowSeconds}) * ${windowSeconds}) AS start)
    INSERT INTO api_rate_windows (token_id, window_start, calls)
    SELECT ${tokenId}, win.start, 1 FROM win
    ON CONFLICT (token_id, window_start) DO UPDATE SET calls = api_rate_windows.calls + 1
    RETURNING calls, (window_start + make_interval(secs => ${windowSeconds}))::text AS window_end`);
  const row = result.rows[0]!;
  return { calls: Number(row.calls), windowEnd: new Date(row.window_end) };
}

/** Forgets a token's windows that ended long ago, so the table stays small. */
export async function pruneApiCallWindows(db: Queryable, tokenId: number, olderThanSeconds: number): Promise<void> {
  await db.execute(sql`DELETE FROM api_rate_windows
    WHERE token_id = ${tokenId} AND window_start < now() - make_interval(secs => ${olderThanSeconds})`);
}
