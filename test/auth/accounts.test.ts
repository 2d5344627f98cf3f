// Users and tokens as the CLI, bootstrap and admin pages manage them, on a real database.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEntries } from '../../db/queries/audit-log';
import { syncConfigToDatabase } from '../../db/queries/config-sync';
import { findUserByEmail } from '../../db/queries/users';
import { changeUserRole, createUser, resetUserPassword, setUserDisabled } from '../../lib/auth/accounts';
import { authenticateApiToken, createApiToken, revokeToken, tokenStatus } from '../../lib/auth/api-tokens';
import { ensureFirstAdmin, formatFirstAdminNotice } from '../../lib/auth/bootstrap';
import { AccessInputError } from '../../lib/auth/errors';
import { verifyPassword } from '../../lib/auth/password';
import { authSecretPath, loadAuthSecret } from '../../lib/auth/secret';
import { demoConfig } from '../../lib/config/demo';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

let t: TestDatabase;
const by = { actor: 'cli:tester', address: null };

beforeAll(async () => {
  t = await createTestDatabase();
  await syncConfigToDatabase(t.db, demoConfig('/srv/demo'));
});
afterAll(async () => t?.drop());

describe('first admin', () => {
  it('is created once, on an empty user table, with a random password printed in a box', async () => {
    const admin = await ensureFirstAdmin(t.db, 'root@site.example');
    expect(admin).toMatchObject({ email: 'root@site.example', password: expect.stringMatching(/^\w{20}$/) });
    const user = (await findUserByEmail(t.db, 'root@site.example'))!;
    expect(user.role).toBe('admin');
    expect(await verifyPassword(admin!.password, user.passwordHash!)).toBe(true);
    expect(await ensureFirstAdmin(t.db, 'other@site.example')).toBeNull();
    const notice = formatFirstAdminNotice(admin!);
    expect(notice).toContain(`password:  ${admin!.password}`);
    expect(notice.split('\n')[0]).toMatch(/^\+-+\+$/);
    expect(await listAuditEntries(t.db, { action: 'user.create', actor: 'system' })).toHaveLength(1);
  });
});

describe('users', () => {
  it('get a generated password (shown once) or a chosen one, stored only as a hash', async () => {
    const generated = await createUser(t.db, { email: ' Viv@Example.org', role: 'viewer' }, by);
    expect(generated.user.email).toBe('viv@example.org');
    expect(generated.generatedPassword).toMatch(/^\w{20}$/);
    expect(generated.user.passwordHash).not.toContain(generated.generatedPassword);
    const chosen = await createUser(t.db, { email: 'op@example.org', role: 'operator', password: 'a chosen password' }, by);
    expect(chosen.generatedPassword).toBeNull();
    expect(await verifyPassword('a chosen password', chosen.user.passwordHash!)).toBe(true);
    const sso = await createUser(t.db, { email: 'sso@example.org', role: 'viewer', noPassword: true }, by);
    expect([sso.generatedPassword, sso.user.passwordHash]).toEqual([null, null]);
  });

  it('refuse bad input with a message naming what to fix', async () => {
    await expect(createUser(t.db, { email: 'VIV@example.org', role: 'viewer' }, by)).rejects.toThrow('a user with the email viv@example.org already exists');
    await expect(createUser(t.db, { email: 'not-an-email', role: 'viewer' }, by)).rejects.toThrow(AccessInputError);
    await expect(createUser(t.db, { email: 'x@example.org', role: 'root' }, by)).rejects.toThrow('"root" is not a role');
    await expect(createUser(t.db, { email: 'x@example.org', role: 'viewer', password: 'short' }, by)).rejects.toThrow('the password must be at least 12');
  });

  it('change role, disable and reset passwords with an audit entry each, but never remove the last admin', async () => {
    const root = (await findUserByEmail(t.db, 'root@site.example'))!;
    await expect(changeUserRole(t.db, root.id, 'viewer', by)).rejects.toThrow(/last admin/);
    await expect(setUserDisabled(t.db, root.id, true, by)).rejects.toThrow(/last admin/);
    const op = (await findUserByEmail(t.db, 'op@example.org'))!;
    expect((await changeUserRole(t.db, op.id, 'admin', by)).role).toBe('admin');
    expect((await setUserDisabled(t.db, root.id, true, { actor: 'op@example.org', address: '192.0.2.1' })).disabled).toBe(true);
    await expect(changeUserRole(t.db, op.id, 'viewer', by)).rejects.toThrow(/last admin/);
    expect((await setUserDisabled(t.db, root.id, false, by)).disabled).toBe(false);
    const password = await resetUserPassword(t.db, 'OP@example.org', undefined, by);
    expect(await verifyPassword(password!, (await findUserByEmail(t.db, 'op@example.org'))!.passwordHash!)).toBe(true);
    await expect(resetUserPassword(t.db, 'ghost@example.org', undefined, by)).rejects.toThrow('there is no user with the email ghost@example.org');
    const actions = (await listAuditEntries(t.db, { action: 'user' })).map((e) => `${e.action} ${e.target}`);
    expect(actions).toEqual(expect.arrayContaining(['user.role op@example.org', 'user.disable root@site.example', 'user.enable root@site.example',
      'user.password_reset op@example.org']));
    const [disable] = await listAuditEntries(t.db, { action: 'user.disable' });
    expect(disable).toMatchObject({ actor: 'op@example.org', address: '192.0.2.1' });
  });
});

describe('API tokens', () => {
  const request = { method: 'GET', path: '/api/v1/instruments', address: '192.0.2.9' };

  it('are scoped to known instruments, read-only and expiring, and refuse bad input by name', async () => {
    const { token, row } = await createApiToken(t.db, { name: 'uni-x', instruments: ['cl61', 'asfs', 'cl61'] }, by);
    expect(row).toMatchObject({ instruments: ['cl61', 'asfs'], scope: 'read', createdBy: 'cli:tester', prefix: token.slice(0, 12) });
    expect(row.tokenHash).not.toContain(token.slice(4));
    expect(Math.round((row.expiresAt!.getTime() - row.createdAt.getTime()) / 86_400_000)).toBe(90);
    expect((await createApiToken(t.db, { name: 'all', instruments: ['*'], expires: '1y' }, by)).row.instruments).toBeNull();
    await expect(createApiToken(t.db, { name: 'uni-x', instruments: ['cl61'] }, by)).rejects.toThrow('a token named uni-x already exists');
    await expect(createApiToken(t.db, { name: 'y', instruments: ['cl61', 'radar9'] }, by)).rejects.toThrow('unknown instrument(s): radar9');
    await expect(createApiToken(t.db, { name: 'y', instruments: [] }, by)).rejects.toThrow(/name the instruments/);
    await expect(createApiToken(t.db, { name: 'y', instruments: ['*', 'cl61'] }, by)).rejects.toThrow(/\* alone/);
    await expect(createApiToken(t.db, { name: 'has space', instruments: ['cl61'] }, by)).rejects.toThrow(/not a token name/);
    await expect(createApiToken(t.db, { name: 'y', instruments: ['cl61'], expires: '5y' }, by)).rejects.toThrow(/expires: .*730 days/);
  });

  it('authenticate while live, stamp their use, and are refused once expired or revoked', async () => {
    const live = await createApiToken(t.db, { name: 'live', instruments: ['cl61'], expires: '1h' }, by);
    const check = await authenticateApiToken(t.db, live.token, request);
    expect(check).toMatchObject({ ok: true, token: { name: 'live' } });
    expect(await authenticateApiToken(t.db, `${live.token.slice(0, -1)}A`, request)).toEqual({ ok: false, reason: 'unknown' });
    expect(await authenticateApiToken(t.db, live.token, request, new Date(Date.now() + 2 * 3600_000))).toEqual({ ok: false, reason: 'expired' });
    await revokeToken(t.db, { name: 'live' }, by);
    expect(await authenticateApiToken(t.db, live.token, request)).toEqual({ ok: false, reason: 'revoked' });
    await expect(revokeToken(t.db, { name: 'live' }, by)).rejects.toThrow('there is no live token named live');
    const entries = (await listAuditEntries(t.db, { actor: 'token:live' })).map((e) => [e.action, e.details.reason ?? null, e.address]);
    expect(entries).toEqual([['token.reject', 'revoked', '192.0.2.9'], ['token.reject', 'expired', '192.0.2.9'], ['token.use', null, '192.0.2.9']]);
    const { row } = await createApiToken(t.db, { name: 'later', instruments: ['cl61'] }, by);
    expect(tokenStatus(row)).toBe('active');
    expect(tokenStatus(row, new Date(Date.now() + 91 * 86_400_000))).toBe('expired');
  });
});

describe('session secret', () => {
  it('is generated once into the data folder (0600) and reused; AUTH_SECRET wins', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldops-secret-'));
    try {
      const first = loadAuthSecret({ dataDir, AUTH_SECRET: undefined });
      expect(first.length).toBeGreaterThanOrEqual(43);
      expect(fs.statSync(authSecretPath(dataDir)).mode & 0o777).toBe(0o600);
      expect(loadAuthSecret({ dataDir, AUTH_SECRET: undefined })).toBe(first);
      expect(loadAuthSecret({ dataDir, AUTH_SECRET: 'from-the-environment-0123456789' })).toBe('from-the-environment-0123456789');
      fs.writeFileSync(authSecretPath(dataDir), 'short\n');
      expect(() => loadAuthSecret({ dataDir, AUTH_SECRET: undefined })).toThrow(/damaged/);
      expect(fs.readdirSync(dataDir)).toEqual(['auth-secret']);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
