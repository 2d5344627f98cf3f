// Access checks for API route handlers: a bearer API token (partners; read-only, scoped to instruments) or
// a portal session (viewer and up; all instruments). Returns the caller, or the error Response to send:
// 401 without valid credentials, 403 with too little right. Route handlers call it first, then use
// `canSeeInstrument` next to the data they read.
import 'server-only';
import type { ApiToken, User } from '../../db/schema';
import { getDb } from '../../db/client';
import { jsonError } from '../api/responses';
import { authenticateApiToken } from './api-tokens';
import { parseBearerToken } from './api-token-secret';
import { clientAddressFrom } from './client-address';
import { type PortalRole, roleAllows } from './roles';
import { isSameOriginRequest } from './same-origin';
import { getCurrentUser } from './session';

export type ApiCaller =
  | { kind: 'session'; user: User; instruments: null }
  | { kind: 'token'; token: ApiToken; instruments: readonly string[] | null };

export interface ApiAccessOptions {
  /** The route changes something: tokens (read-only) are refused, sessions must come from our own pages. */
  write?: boolean;
  /** Least portal role for session callers (default viewer). */
  role?: PortalRole;
}

const unauthorized = () => jsonError(401, 'unauthorized', { 'www-authenticate': 'Bearer realm="fieldops"' });

export async function requireApiAccess(request: Request, options: ApiAccessOptions = {}): Promise<ApiCaller | Response> {
  const authorization = request.headers.get('authorization');
  if (authorization !== null) {
    const secret = parseBearerToken(authorization);
    if (!secret) return unauthorized();
    const check = await authenticateApiToken(getDb(), secret, {
      method: request.method,
      path: new URL(request.url).pathname,
      address: clientAddressFrom(request.headers),
    });
    if (!check.ok) return unauthorized();
    if (options.write && check.token.scope === 'read') return jsonError(403, 'forbidden: this token is read-only');
    return { kind: 'token', token: check.token, instruments: check.token.instruments };
  }

  const user = await getCurrentUser();
  if (!user) return unauthorized();
  if (user.role === 'partner') return jsonError(403, 'forbidden: partners use an API token');
  if (!roleAllows(user.role, options.role ?? 'viewer')) return jsonError(403, 'forbidden');
  if (options.write && !isSameOriginRequest(request.method, request.headers)) return jsonError(403, 'forbidden: cross-site request');
  return { kind: 'session', user, instruments: null };
}

export function canSeeInstrument(caller: ApiCaller, instrumentId: string): boolean {
  return caller.instruments === null || caller.instruments.includes(instrumentId);
}
