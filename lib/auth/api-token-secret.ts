// Partner API token secrets: `fot_` + 32 random bytes (base64url). The database keeps only the SHA-256 of
// the whole token: with 256 random bits a fast hash is enough (nothing to brute-force, unlike passwords),
// and it lets a request find its token with one indexed lookup. The prefix identifies a token in lists.
import crypto from 'node:crypto';

const TOKEN_PATTERN = /^fot_[A-Za-z0-9_-]{43}$/;

export interface NewTokenSecret {
  /** Shown once to whoever created it; never stored. */
  token: string;
  tokenHash: string;
  prefix: string;
}

export function generateTokenSecret(): NewTokenSecret {
  const token = `fot_${crypto.randomBytes(32).toString('base64url')}`;
  return { token, tokenHash: hashTokenSecret(token), prefix: token.slice(0, 12) };
}

export function hashTokenSecret(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

/** The token from an `Authorization: Bearer fot_…` header; null when absent or not one of ours. */
export function parseBearerToken(authorization: string | null): string | null {
  if (!authorization) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  return m && TOKEN_PATTERN.test(m[1]!) ? m[1]! : null;
}

export const MAX_TOKEN_DAYS = 730;
const UNIT_HOURS: Record<string, number> = { h: 1, d: 24, w: 24 * 7, y: 24 * 365 };

/** `90d`, `12h`, `4w`, `1y` → milliseconds; throws a message naming the accepted forms. */
export function parseTokenLifetime(text: string): number {
  const m = /^(\d{1,5})([hdwy])$/.exec(text.trim());
  const hours = m ? Number(m[1]) * UNIT_HOURS[m[2]!]! : NaN;
  if (!m || hours < 1) throw new Error(`"${text}" is not a lifetime: use a number with h, d, w or y (e.g. 90d)`);
  if (hours > MAX_TOKEN_DAYS * 24) throw new Error(`"${text}" is too long: tokens expire within ${MAX_TOKEN_DAYS} days`);
  return hours * 3_600_000;
}
