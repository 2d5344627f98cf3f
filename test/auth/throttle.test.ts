// Throttling of failed sign-ins: the pure policy, then authorizeCredentials on a real database with a
// controlled clock (no sleeps), including a burst of parallel guesses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import { listAuditEntries } from '../../db/queries/audit-log';
import { loginAttempts } from '../../db/schema';
import { createUser } from '../../lib/auth/accounts';
import { authorizeCredentials } from '../../lib/auth/credentials';
import { type Attempt, THROTTLE_POLICY, throttleWaitMs } from '../../lib/auth/throttle';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

const T0 = new Date('2026-03-01T12:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const fails = (n: number, from = 0): Attempt[] => Array.from({ length: n }, (_, i) => ({ at: at(from + i), succeeded: false })).reverse();

describe('throttle policy', () => {
  const account = THROTTLE_POLICY.account;
  it('allows the free failures, then doubles the wait from the latest failure, up to 15 minutes', () => {
    expect(throttleWaitMs(fails(4), account, at(4))).toBe(0);
    expect(throttleWaitMs(fails(5), account, at(5))).toBe(30_000 - 1000);
    expect(throttleWaitMs(fails(5), account, at(34))).toBe(0);
    expect(throttleWaitMs(fails(6), account, at(5))).toBe(60_000);
    expect(throttleWaitMs(fails(7), account, at(6))).toBe(120_000);
    expect(throttleWaitMs(fails(30), account, at(29))).toBe(15 * 60_000);
  });

  it('restarts an account\'s count after a success, but never an address\'s', () => {
    const attempts = [...fails(3, 10), { at: at(9), succeeded: true }, ...fails(5, 0)];
    expect(throttleWaitMs(attempts, account, at(13))).toBe(0);
    const many = [...fails(10, 100), { at: at(99), succeeded: true }, ...fails(15, 0)];
    expect(throttleWaitMs(many, THROTTLE_POLICY.address, at(110))).toBeGreaterThan(0);
  });

  it('forgets failures older than the window', () => {
    const old = fails(10, 0);
    expect(throttleWaitMs(old, THROTTLE_POLICY.address, at(3600 + 10))).toBe(0);
    expect(throttleWaitMs(old, account, at(86_400 + 10))).toBe(0);
  });
});

describe('authorizeCredentials', () => {
  let t: TestDatabase;
  const PASSWORD = 'correct horse battery staple';

  beforeAll(async () => {
    t = await createTestDatabase();
    for (const email of ['ana@example.org', 'ben@example.org', 'cat@example.org']) await createUser(t.db, { email, role: 'viewer', password: PASSWORD }, { actor: 'system' });
  });
  afterAll(async () => t?.drop());

  const attempt = (email: string, password: string, seconds: number, address = '192.0.2.1') =>
    authorizeCredentials(t.db, { email, password, address }, at(seconds));

  it('signs in with the right password (any case of the email) and refuses a wrong one', async () => {
    expect(await attempt('Ana@Example.org ', PASSWORD, 0)).toMatchObject({ ok: true, user: { email: 'ana@example.org' } });
    expect(await attempt('ana@example.org', 'nope', 1)).toEqual({ ok: false, reason: 'invalid' });
    expect(await authorizeCredentials(t.db, { email: ['x'], password: 5, address: null })).toEqual({ ok: false, reason: 'invalid' });
  });

  it('locks an account after five failures until the wait is over, even for the right password', async () => {
    for (let i = 0; i < 5; i++) expect(await attempt('ben@example.org', `wrong ${i}`, 100 + i)).toMatchObject({ reason: 'invalid' });
    expect(await attempt('ben@example.org', PASSWORD, 105)).toEqual({ ok: false, reason: 'throttled', retryAfterSeconds: 29 });
    // A throttled attempt is not checked and does not count: after the wait the right password works.
    expect(await attempt('ben@example.org', PASSWORD, 135)).toMatchObject({ ok: true });
    expect(await attempt('ben@example.org', 'wrong again', 136)).toMatchObject({ reason: 'invalid' });
    const throttled = await listAuditEntries(t.db, { action: 'auth.signin_throttled', actor: 'ben@example.org' });
    expect(throttled).toHaveLength(1);
    expect(throttled[0]).toMatchObject({ address: '192.0.2.1' });
  });

  it('slows down one address guessing across many accounts, leaving other addresses alone', async () => {
    for (let i = 0; i < THROTTLE_POLICY.address.freeFailures; i++) {
      expect(await attempt(`guess${i}@example.org`, 'x', 1000 + i, '198.51.100.66')).toMatchObject({ reason: 'invalid' });
    }
    expect(await attempt('cat@example.org', PASSWORD, 1030, '198.51.100.66')).toMatchObject({ reason: 'throttled' });
    expect(await attempt('cat@example.org', PASSWORD, 1030, '198.51.100.67')).toMatchObject({ ok: true });
  });

  it('never checks more than the free failures of a burst of parallel guesses on one account', async () => {
    const burst = () => Promise.all(Array.from({ length: 10 }, (_, i) => attempt('cat@example.org', `burst ${i}`, 2000, `203.0.113.${i}`)));
    const results = [...(await burst()), ...(await burst()), ...(await burst())];
    const checked = results.filter((r) => !r.ok && r.reason === 'invalid').length;
    expect(checked).toBeGreaterThan(0);
    expect(checked).toBeLessThanOrEqual(THROTTLE_POLICY.account.freeFailures);
    expect(results.filter((r) => !r.ok && r.reason === 'throttled')).toHaveLength(30 - checked);
  });

  it('audits each failure with the reason, without revealing it to the caller', async () => {
    await attempt('nobody@example.org', 'x', 3000, '192.0.2.50');
    const [entry] = await listAuditEntries(t.db, { action: 'auth.signin_failed', actor: 'nobody@example.org' });
    expect(entry).toMatchObject({ address: '192.0.2.50', details: { provider: 'credentials', reason: 'unknown_user' } });
  });

  it('keeps only about a day of attempts', async () => {
    const rows = async () => (await t.db.select({ n: count() }).from(loginAttempts))[0]!.n;
    expect(await rows()).toBeGreaterThan(40);
    await attempt('ana@example.org', PASSWORD, 3 * 86_400);
    expect(await rows()).toBe(2); // this attempt's account and address rows
  });
});
