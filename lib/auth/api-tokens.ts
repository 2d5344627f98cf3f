// Partner API tokens: created by an admin (page or CLI), shown once, stored hashed, scoped to instruments
// and to reading, always expiring, revocable; every use is stamped on the token and in the audit log.
import { findApiTokenByHash, insertApiToken, recordApiTokenUse, revokeApiToken } from '../../db/queries/api-tokens';
import { findUnknownInstrumentIds } from '../../db/queries/instrument-access';
import type { Queryable } from '../../db/client';
import type { ApiToken } from '../../db/schema';
import type { Actor } from './accounts';
import { generateTokenSecret, hashTokenSecret, parseTokenLifetime } from './api-token-secret';
import { recordAudit, tokenActor } from './audit';
import { AccessInputError } from './errors';

const TOKEN_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
export const DEFAULT_TOKEN_LIFETIME = '90d';

export interface CreateTokenInput {
  name: string;
  /** Instrument ids, or `*` alone for every instrument (present and future). */
  instruments: string[];
  /** `90d`, `12h`, `4w`, `1y`. */
  expires?: string;
}

export async function createApiToken(db: Queryable, input: CreateTokenInput, by: Actor, now = new Date()): Promise<{ token: string; row: ApiToken }> {
  const name = input.name.trim();
  if (!TOKEN_NAME.test(name)) throw new AccessInputError(`"${input.name}" is not a token name: use letters, digits, . _ - (at most 64)`);
  const ids = [...new Set(input.instruments.map((i) => i.trim()).filter(Boolean))];
  if (ids.length === 0) throw new AccessInputError('name the instruments the token may read (or * for all of them)');
  const all = ids.includes('*');
  if (all && ids.length > 1) throw new AccessInputError('use * alone, or a list of instrument ids');
  const unknown = all ? [] : await findUnknownInstrumentIds(db, ids);
  if (unknown.length) throw new AccessInputError(`unknown instrument(s): ${unknown.join(', ')}`);
  let lifetimeMs: number;
  try {
    lifetimeMs = parseTokenLifetime(input.expires ?? DEFAULT_TOKEN_LIFETIME);
  } catch (error) {
    throw new AccessInputError(`expires: ${(error as Error).message}`);
  }
  const secret = generateTokenSecret();
  const row = await insertApiToken(db, {
    name,
    tokenHash: secret.tokenHash,
    prefix: secret.prefix,
    instruments: all ? null : ids,
    scope: 'read',
    createdBy: by.actor,
    expiresAt: new Date(now.getTime() + lifetimeMs),
  });
  if (!row) throw new AccessInputError(`a token named ${name} already exists (revoked tokens keep their name)`);
  await recordAudit({ actor: by.actor, address: by.address ?? null, action: 'token.create', target: name,
    details: { instruments: row.instruments ?? '*', expiresAt: row.expiresAt?.toISOString() } }, db);
  return { token: secret.token, row };
}

export async function revokeToken(db: Queryable, which: { name: string } | { id: number }, by: Actor): Promise<ApiToken> {
  const row = await revokeApiToken(db, which);
  if (!row) throw new AccessInputError(`there is no live token ${'name' in which ? `named ${which.name}` : `#${which.id}`}`);
  await recordAudit({ actor: by.actor, address: by.address ?? null, action: 'token.revoke', target: row.name }, db);
  return row;
}

export type TokenCheck =
  | { ok: true; token: ApiToken }
  | { ok: false; reason: 'unknown' | 'expired' | 'revoked' };

/**
 * Checks a bearer token. A known token is audited either way (`token.use` or `token.reject`), with the
 * request it came with; an unknown one is not (it names nobody, and would let anyone fill the log).
 */
export async function authenticateApiToken(
  db: Queryable,
  secret: string,
  request: { method: string; path: string; address: string | null },
  now = new Date(),
): Promise<TokenCheck> {
  const token = await findApiTokenByHash(db, hashTokenSecret(secret));
  if (!token) return { ok: false, reason: 'unknown' };
  const problem = token.revokedAt ? 'revoked' : token.expiresAt && token.expiresAt <= now ? 'expired' : null;
  const target = `${request.method} ${request.path}`;
  if (problem) {
    await recordAudit({ actor: tokenActor(token.name), action: 'token.reject', target, address: request.address, details: { reason: problem } }, db);
    return { ok: false, reason: problem };
  }
  await recordApiTokenUse(db, token.id, request.address);
  await recordAudit({ actor: tokenActor(token.name), action: 'token.use', target, address: request.address }, db);
  return { ok: true, token };
}

/** Every token, with what it may still be used for: for lists (CLI, admin page). */
export function tokenStatus(token: ApiToken, now = new Date()): 'active' | 'expired' | 'revoked' {
  if (token.revokedAt) return 'revoked';
  if (token.expiresAt && token.expiresAt <= now) return 'expired';
  return 'active';
}
