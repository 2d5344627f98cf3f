// Over real HTTP: what the access matrix does not show. Session cookies are HttpOnly, SameSite=Lax and
// expire; role changes and disabling take effect on the next request; failed sign-ins are throttled per
// account; sign-ins, failures and token uses land in the audit log with the client address; server actions
// refuse cross-site posts.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEntries } from '../../db/queries/audit-log';
import { syncConfigToDatabase } from '../../db/queries/config-sync';
import { findUserByEmail } from '../../db/queries/users';
import { apiTokens, users } from '../../db/schema';
import { changeUserRole, createUser } from '../../lib/auth/accounts';
import { createApiToken } from '../../lib/auth/api-tokens';
import { demoConfig } from '../../lib/config/demo';
import { signInOverHttp } from '../helpers/auth';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { startWebServer, type TestWebServer } from '../helpers/web-server';

const PASSWORD = 'correct horse battery staple';
const system = { actor: 'system' };
let t: TestDatabase;
let web: TestWebServer;

beforeAll(async () => {
  t = await createTestDatabase();
  await syncConfigToDatabase(t.db, demoConfig('/srv/demo'));
  for (const [email, role] of [['admin@example.org', 'admin'], ['ana@example.org', 'viewer'], ['throttled@example.org', 'viewer'], ['target@example.org', 'viewer']]) {
    await createUser(t.db, { email: email!, role: role!, password: PASSWORD }, system);
  }
  web = await startWebServer({ databaseUrl: t.url });
}, 300_000);

afterAll(async () => {
  await web?.stop();
  await t?.drop();
});

const get = (path: string, cookie: string) => fetch(`${web.url}${path}`, { headers: { cookie }, redirect: 'manual' });

describe('sessions over HTTP', () => {
  it('sets an HttpOnly, SameSite=Lax session cookie that expires after 12 hours', async () => {
    const signedIn = await signInOverHttp(web.url, 'ana@example.org', PASSWORD);
    expect(signedIn.status).toBe(302);
    expect(new URL(signedIn.location!).pathname).toBe('/');
    const cookie = signedIn.setCookies.find((c) => c.startsWith('authjs.session-token='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const expires = new Date(/Expires=([^;]+)/i.exec(cookie)![1]!).getTime();
    expect(Math.abs(expires - (Date.now() + 12 * 3600_000))).toBeLessThan(120_000);
    expect((await findUserByEmail(t.db, 'ana@example.org'))!.lastSignInAt).not.toBeNull();
  });

  it('applies a role change or a disabled account on the very next request', async () => {
    const { cookie } = await signInOverHttp(web.url, 'ana@example.org', PASSWORD);
    expect((await get('/ops/audit', cookie!)).status).toBe(403);
    const ana = (await findUserByEmail(t.db, 'ana@example.org'))!;
    await changeUserRole(t.db, ana.id, 'operator', system);
    expect((await get('/ops/audit', cookie!)).status).toBe(200);
    await t.db.update(users).set({ disabled: true }).where(eq(users.id, ana.id));
    const afterDisable = await get('/', cookie!);
    expect(afterDisable.status).toBe(307);
    expect(afterDisable.headers.get('location')).toMatch(/\/signin/);
    expect((await fetch(`${web.url}/api/v1/instruments`, { headers: { cookie: cookie! } })).status).toBe(401);
    await t.db.update(users).set({ disabled: false, role: 'viewer' }).where(eq(users.id, ana.id));
  });

  it('slows down repeated failed sign-ins for an account, even with the right password', async () => {
    for (let i = 0; i < 5; i++) {
      const failed = await signInOverHttp(web.url, 'throttled@example.org', `wrong ${i}`);
      expect(new URL(failed.location!).searchParams.get('code')).toBe('credentials');
    }
    const blocked = await signInOverHttp(web.url, 'throttled@example.org', PASSWORD);
    expect(blocked.cookie).toBeNull();
    expect(new URL(blocked.location!).searchParams.get('code')).toBe('throttled');
    // Another account from the same address is not affected (the per-address limit is higher).
    expect((await signInOverHttp(web.url, 'target@example.org', PASSWORD)).cookie).not.toBeNull();
    const [entry] = await listAuditEntries(t.db, { action: 'auth.signin_throttled' });
    expect(entry).toMatchObject({ actor: 'throttled@example.org', address: '127.0.0.1' });
    expect(entry!.details).toMatchObject({ retryAfterSeconds: expect.any(Number) });
  });

  it('records sign-ins, failed sign-ins and token uses with who, what, when and the client address', async () => {
    await signInOverHttp(web.url, 'admin@example.org', 'wrong password!');
    await signInOverHttp(web.url, 'nobody@example.org', 'wrong password!');
    await signInOverHttp(web.url, 'admin@example.org', PASSWORD);
    const failed = await listAuditEntries(t.db, { action: 'auth.signin_failed' });
    expect(failed.map((e) => [e.actor, e.address, e.details.reason])).toEqual(expect.arrayContaining([
      ['admin@example.org', '127.0.0.1', 'wrong_password'], ['nobody@example.org', '127.0.0.1', 'unknown_user']]));
    expect(await listAuditEntries(t.db, { action: 'auth.signin', actor: 'admin@example.org' })).toHaveLength(1);

    const { token } = await createApiToken(t.db, { name: 'p1', instruments: ['cl61'] }, system);
    const response = await fetch(`${web.url}/api/v1/instruments/cl61`, { headers: { authorization: `Bearer ${token}`, 'x-fieldops-client-address': '10.9.9.9' } });
    expect(response.status).toBe(200);
    const [use] = await listAuditEntries(t.db, { action: 'token.use' });
    // The client cannot choose the recorded address: the server overwrites that header with the socket's.
    expect(use).toMatchObject({ actor: 'token:p1', target: 'GET /api/v1/instruments/cl61', address: '127.0.0.1' });
    const [row] = await t.db.select().from(apiTokens).where(eq(apiTokens.name, 'p1'));
    expect(row!.lastUsedAt).not.toBeNull();
    expect(row!.lastUsedFrom).toBe('127.0.0.1');
  });

  it('operators read the audit log on a page', async () => {
    const { cookie } = await signInOverHttp(web.url, 'admin@example.org', PASSWORD);
    const html = await (await get('/ops/audit?action=auth', cookie!)).text();
    expect(html).toContain('data-action="auth.signin"');
    expect(html).toContain('data-action="auth.signin_failed"');
    expect(html).not.toContain('data-action="token.use"');
  });

  it('server actions refuse cross-site and Origin-less posts, and accept same-origin ones', async () => {
    const { cookie } = await signInOverHttp(web.url, 'admin@example.org', PASSWORD);
    const target = (await findUserByEmail(t.db, 'target@example.org'))!;
    const html = await (await get('/admin/users', cookie!)).text();
    const row = html.slice(html.indexOf('data-user="target@example.org"'));
    const actionField = /name="(\$ACTION_ID_[0-9a-f]+)"/.exec(row)![1]!; // the first form of the row: change role
    const post = (headers: Record<string, string>, session = cookie!) => {
      const form = new FormData();
      if (headers['next-action']) {
        // How React encodes the call `action(formData)` when the page's JavaScript makes it.
        form.set('0', '["$K1"]');
        form.set('1_userId', target.id);
        form.set('1_role', 'admin');
      } else {
        form.set(actionField, '');
        form.set('userId', target.id);
        form.set('role', 'admin');
      }
      return fetch(`${web.url}/admin/users`, { method: 'POST', body: form, redirect: 'manual', headers: { cookie: session, ...headers } });
    };
    const role = async () => (await t.db.select({ role: users.role }).from(users).where(and(eq(users.id, target.id))))[0]!.role;

    await post({ origin: 'https://evil.example.org' });
    expect(await role()).toBe('viewer');
    await post({});
    expect(await role()).toBe('viewer');
    await post({ origin: web.url, 'sec-fetch-site': 'cross-site' });
    expect(await role()).toBe('viewer');
    // Too little role: 403 for the fetch the page's JavaScript makes (Next-Action header). A no-JS form post
    // is refused as well, but Next renders its not-found page for forbidden() in that case (404).
    const viewer = await signInOverHttp(web.url, 'ana@example.org', PASSWORD);
    const actionId = actionField.replace('$ACTION_ID_', '');
    expect((await post({ origin: web.url, 'next-action': actionId }, viewer.cookie!)).status).toBe(403);
    expect((await post({ origin: web.url }, viewer.cookie!)).status).toBe(404);
    expect(await role()).toBe('viewer');

    const accepted = await post({ origin: web.url });
    expect(accepted.status).toBe(303);
    expect(await role()).toBe('admin');
    const [entry] = await listAuditEntries(t.db, { action: 'user.role' });
    expect(entry).toMatchObject({ actor: 'admin@example.org', target: 'target@example.org', address: '127.0.0.1', details: { from: 'viewer', to: 'admin' } });
  });
});
