// The start of every partner API route: who is calling (token or portal session; lib/auth/api-access.ts
// audits each token call with the token's name) and whether the token is over its rate limit.
import 'server-only';
import { getDb } from '../../db/client';
import { type ApiCaller, requireApiAccess } from '../auth/api-access';
import { getEnv } from '../env';
import { takeApiCall } from './rate-limit';
import { jsonError } from './responses';

export async function openPartnerCall(request: Request): Promise<ApiCaller | Response> {
  const caller = await requireApiAccess(request);
  if (caller instanceof Response || caller.kind !== 'token') return caller;
  const limit = getEnv().FIELDOPS_API_RATE_LIMIT;
  const decision = await takeApiCall(getDb(), caller.token.id, limit);
  if (!decision.allowed) {
    return jsonError(429, `rate limit: at most ${limit} calls per minute for this token; retry in ${decision.retryAfterSeconds} s`,
      { 'retry-after': String(decision.retryAfterSeconds) });
  }
  return caller;
}
