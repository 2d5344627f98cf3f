// The access matrix over real HTTP against the production web server: every role and credential case ×
// every page and API route → the status the rules in issue #3 call for. Sessions come from real sign-ins
// through next-auth; tokens from the same code the CLI and admin page use.
import crypto from 'node:crypto';
import { encode } from 'next-auth/jwt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncConfigToDatabase } from '../../db/queries/config-sync';
import { createUser, setUserDisabled } from '../../lib/auth/accounts';
import { createApiToken, revokeToken } from '../../lib/auth/api-tokens';
import { demoConfig } from '../../lib/config/demo';
import { signInOverHttp, STACK_TRACE } from '../helpers/auth';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { startWebServer, type TestWebServer } from '../helpers/web-server';

const SECRET = crypto.randomBytes(32).toString('base64url');
const PASSWORD = 'correct horse battery staple';
const ALL = ['asfs', 'cam1', 'cl61', 'hatpro', 'van1'];
const system = { actor: 'system' };

let t: TestDatabase;
let web: TestWebServer;
/** Request headers per credential case. */
const cases = new Map<string, Record<string, string>>();
const userIds = new Map<string, string>();

async function sessionJwt(uid: string, secret: string, maxAge: number): Promise<string> {
  const value = await encode({ token: { sub: uid, uid, email: 'x@example.org' }, secret, salt: 'authjs.session-token', maxAge });
  return `authjs.session-token=${value}`;
}

beforeAll(async () => {
  t = await createTestDatabase();
  await syncConfigToDatabase(t.db, demoConfig('/srv/demo'));
  for (const role of ['viewer', 'operator', 'partner', 'admin', 'disabled'] as const) {
    const { user } = await createUser(t.db, { email: `${role}@example.org`, role: role === 'disabled' ? 'viewer' : role, password: PASSWORD }, system);
    userIds.set(role, user.id);
  }
  web = await startWebServer({ databaseUrl: t.url, env: { AUTH_SECRET: SECRET } });

  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  cases.set('no credentials', {});
  const wrong = await signInOverHttp(web.url, 'viewer@example.org', 'not the password');
  expect(wrong.cookie).toBeNull();
  cases.set('wrong password', wrong.cookie ? { cookie: wrong.cookie } : {});
  cases.set('forged session cookie', { cookie: 'authjs.session-token=not-a-jwt' });
  cases.set('session signed with another secret', { cookie: await sessionJwt(userIds.get('admin')!, 'another-secret-another-secret-00', 3600) });
  cases.set('expired session', { cookie: await sessionJwt(userIds.get('admin')!, SECRET, -3600) });
  for (const role of ['viewer', 'operator', 'partner', 'admin', 'disabled']) {
    const signedIn = await signInOverHttp(web.url, `${role}@example.org`, PASSWORD);
    expect(signedIn.cookie, `${role} signs in`).not.toBeNull();
    cases.set(`${role} session`, { cookie: signedIn.cookie! });
  }
  // Disabled after signing in: the still-valid cookie must stop working on the next request.
  await setUserDisabled(t.db, userIds.get('disabled')!, true, system);

  cases.set('unknown token', bearer(`fot_${crypto.randomBytes(32).toString('base64url')}`));
  cases.set('malformed authorization', { authorization: 'Basic dXNlcjpwYXNz' });
  const token = async (name: string, instruments: string[], now?: Date) =>
    (await createApiToken(t.db, { name, instruments, expires: '1d' }, system, now)).token;
  cases.set('cl61 token', bearer(await token('cl61-partner', ['cl61'])));
  cases.set('all-instruments token', bearer(await token('everything', ['*'])));
  cases.set('token for another instrument', bearer(await token('asfs-partner', ['asfs'])));
  cases.set('expired token', bearer(await token('old-partner', ['cl61'], new Date(Date.now() - 2 * 86_400_000))));
  cases.set('revoked token', bearer(await token('gone-partner', ['cl61'])));
  await revokeToken(t.db, { name: 'gone-partner' }, system);
}, 300_000);

afterAll(async () => {
  await web?.stop();
  await t?.drop();
});

type Expect = number | 'signin';
const SIGNED_OUT = ['no credentials', 'wrong password', 'forged session cookie', 'session signed with another secret', 'expired session',
  'disabled session', 'unknown token', 'malformed authorization', 'cl61 token', 'all-instruments token', 'token for another instrument',
  'expired token', 'revoked token'];
const BAD_API_CREDENTIALS = ['no credentials', 'wrong password', 'forged session cookie', 'session signed with another secret',
  'expired session', 'disabled session', 'unknown token', 'malformed authorization', 'expired token', 'revoked token'];

/** Pages: sessions only (tokens are API-only), each with its least role. */
function pageExpectation(route: string, who: string): Expect {
  if (SIGNED_OUT.includes(who)) return 'signin';
  const least = route === '/' || route === '/overview/all' ? 'viewer' : route === '/ops/audit' ? 'operator' : 'admin';
  const rank: Record<string, number> = { 'viewer session': 1, 'operator session': 2, 'admin session': 3, 'partner session': 0 };
  const need = { viewer: 1, operator: 2, admin: 3 }[least];
  return rank[who]! >= need ? 200 : 403;
}

function apiExpectation(route: string, who: string): Expect {
  if (BAD_API_CREDENTIALS.includes(who)) return 401;
  if (who === 'partner session') return 403;
  if (route === '/api/v1/instruments/nope') return 404;
  if (route === '/api/v1/instruments/cl61' && who === 'token for another instrument') return 404;
  return 200;
}

/** The top bar's "who am I": any enabled, signed-in user (partners too: their 403 pages show the bar); never a token. */
function meExpectation(who: string): Expect {
  return ['viewer session', 'operator session', 'partner session', 'admin session'].includes(who) ? 200 : 401;
}

// `/overview/all` is the cached rendering proxy.ts serves at `/`: a request straight for it is checked the same way.
const PAGES = ['/', '/overview/all', '/ops/audit', '/admin/users', '/admin/tokens'];
const API = ['/api/v1/instruments', '/api/v1/instruments/cl61', '/api/v1/instruments/nope'];
const CASES = [...SIGNED_OUT.filter((c) => c !== 'disabled session'), 'disabled session', 'viewer session', 'operator session',
  'partner session', 'admin session'].filter((c, i, all) => all.indexOf(c) === i);

describe('access matrix', () => {
  it('covers every credential case', () => {
    expect([...cases.keys()].sort()).toEqual([...CASES].sort());
  });

  for (const route of [...PAGES, ...API, '/api/me', '/signin', '/api/healthz']) {
    it(`${route}: each role and credential case gets the right status`, async () => {
      const results: string[] = [];
      const expected: string[] = [];
      for (const who of CASES) {
        const want: Expect = route === '/signin' || route === '/api/healthz' ? 200 : route === '/api/me' ? meExpectation(who)
          : PAGES.includes(route) ? pageExpectation(route, who) : apiExpectation(route, who);
        const response = await fetch(`${web.url}${route}`, { headers: cases.get(who), redirect: 'manual' });
        const body = await response.text();
        const location = response.headers.get('location') ?? '';
        const got = response.status >= 300 && response.status < 400 && new URL(location, web.url).pathname === '/signin' ? 'signin' : response.status;
        results.push(`${who}: ${got}`);
        expected.push(`${who}: ${want}`);
        expect(body, `${who} ${route} leaks no stack trace`).not.toMatch(STACK_TRACE);
        if (got === 401) expect(JSON.parse(body)).toEqual({ error: 'unauthorized' });
      }
      expect(results).toEqual(expected);
    });
  }

  it('the live page and its SSE route need a viewer session or a token scoped to the instrument', async () => {
    const get = async (route: string, who: string) => {
      const abort = new AbortController();
      const response = await fetch(`${web.url}${route}`, { headers: cases.get(who), redirect: 'manual', signal: abort.signal });
      abort.abort(); // an event stream would never end
      return response;
    };
    expect((await get('/api/live/van1', 'no credentials')).status).toBe(401);
    expect((await get('/api/live/van1', 'revoked token')).status).toBe(401);
    expect((await get('/api/live/van1', 'token for another instrument')).status).toBe(404);
    expect((await get('/api/live/van1', 'partner session')).status).toBe(403);
    const page = await get('/live/van1', 'no credentials');
    expect(new URL(page.headers.get('location') ?? '/', web.url).pathname).toBe('/signin');
    expect((await get('/live/van1', 'partner session')).status).toBe(403);
    expect([200, 404]).toContain((await get('/live/van1', 'viewer session')).status);
  });

  it('API lists only the instruments in scope, and hides out-of-scope ones as 404', async () => {
    const list = async (who: string) => {
      const response = await fetch(`${web.url}/api/v1/instruments`, { headers: cases.get(who) });
      return ((await response.json()) as { instruments: { id: string }[] }).instruments.map((i) => i.id);
    };
    expect(await list('cl61 token')).toEqual(['cl61']);
    expect(await list('token for another instrument')).toEqual(['asfs']);
    expect(await list('all-instruments token')).toEqual(ALL);
    expect(await list('viewer session')).toEqual(ALL);
    const hidden = await fetch(`${web.url}/api/v1/instruments/cl61`, { headers: cases.get('token for another instrument') });
    const missing = await fetch(`${web.url}/api/v1/instruments/nope`, { headers: cases.get('token for another instrument') });
    expect([hidden.status, await hidden.text()]).toEqual([missing.status, await missing.text()]);
    const one = await fetch(`${web.url}/api/v1/instruments/cl61`, { headers: cases.get('cl61 token') });
    expect(await one.json()).toMatchObject({ instrument: { id: 'cl61', kind: 'vaisala-cl61', siteId: 'summit' } });
  });

  it('redirects to sign-in carry where the user was going', async () => {
    const response = await fetch(`${web.url}/ops/audit?actor=x`, { redirect: 'manual' });
    const location = new URL(response.headers.get('location')!, web.url);
    expect(location.pathname).toBe('/signin');
    expect(location.searchParams.get('callbackUrl')).toBe('/ops/audit?actor=x');
  });
});
