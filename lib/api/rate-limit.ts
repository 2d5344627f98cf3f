// Per-token rate limit for the partner API: a fixed one-minute window counted in PostgreSQL, so several web
// servers share one limit. Over the limit, the caller learns how many seconds to wait (Retry-After).
import type { Queryable } from '../../db/client';
import { countApiCall, pruneApiCallWindows } from '../../db/queries/export-rate-limit';

export const RATE_WINDOW_SECONDS = 60;

export type RateDecision = { allowed: true; remaining: number } | { allowed: false; retryAfterSeconds: number };

export async function takeApiCall(db: Queryable, tokenId: number, limitPerWindow: number, now = new Date()): Promise<RateDecision> {
  const { calls, windowEnd } = await countApiCall(db, tokenId, RATE_WINDOW_SECONDS);
  // The first call of a window tidies the token's old windows: rare, and bounded by one token's rows.
  if (calls === 1) await pruneApiCallWindows(db, tokenId, 3600);
  if (calls <= limitPerWindow) return { allowed: true, remaining: limitPerWindow - calls };
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((windowEnd.getTime() - now.getTime()) / 1000)) };
}
