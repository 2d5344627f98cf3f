import { describe, expect, it } from 'vitest';
import { generateTokenSecret, hashTokenSecret, parseBearerToken, parseTokenLifetime } from '../../lib/auth/api-token-secret';

describe('API token secrets', () => {
  it('are 256 random bits behind a recognisable prefix, stored as their SHA-256', () => {
    const a = generateTokenSecret();
    const b = generateTokenSecret();
    expect(a.token).toMatch(/^fot_[A-Za-z0-9_-]{43}$/);
    expect(a.token).not.toBe(b.token);
    expect(a.prefix).toBe(a.token.slice(0, 12));
    expect(a.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.tokenHash).toBe(hashTokenSecret(a.token));
    expect(a.tokenHash).not.toContain(a.token.slice(4));
  });

  it('parse only from a well-formed Bearer header', () => {
    const { token } = generateTokenSecret();
    expect(parseBearerToken(`Bearer ${token}`)).toBe(token);
    expect(parseBearerToken(`bearer   ${token} `)).toBe(token);
    for (const header of [null, '', token, `Basic ${token}`, `Bearer ${token}x`, `Bearer ${token.slice(0, -1)}`, `Bearer ${token} extra`,
      'Bearer fot_' + '!'.repeat(43), `Bearer ${'x'.repeat(10_000)}`]) {
      expect(parseBearerToken(header), String(header).slice(0, 40)).toBeNull();
    }
  });

  it('have lifetimes in hours, days, weeks or years, at most two years', () => {
    expect(parseTokenLifetime('12h')).toBe(12 * 3_600_000);
    expect(parseTokenLifetime('90d')).toBe(90 * 86_400_000);
    expect(parseTokenLifetime('4w')).toBe(28 * 86_400_000);
    expect(parseTokenLifetime('2y')).toBe(730 * 86_400_000);
    expect(() => parseTokenLifetime('3y')).toThrow(/within 730 days/);
    expect(() => parseTokenLifetime('0d')).toThrow(/not a lifetime/);
    expect(() => parseTokenLifetime('never')).toThrow(/use a number with h, d, w or y/);
    expect(() => parseTokenLifetime('90')).toThrow(/not a lifetime/);
  });
});
