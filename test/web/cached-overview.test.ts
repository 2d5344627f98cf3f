// `/` is served from Next's page cache (app/overview/[scope]/page.tsx) behind the proxy's session check
// (proxy.ts). Against the production server: the cached page is shared and private, it still checks every
// request, it catches up with new data, and neither a spoofed internal header nor a request straight for the
// cached rendering's path gets around the check. (The role × credential matrix is in access-matrix.test.ts.)
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncConfigToDatabase } from '../../db/queries/config-sync';
import { users } from '../../db/schema';
import { createUser } from '../../lib/auth/accounts';
import { configSchema } from '../../lib/config/schema';
import { signInOverHttp } from '../helpers/auth';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { seedSeries } from '../helpers/overview-data';
import { startWebServer, type TestWebServer } from '../helpers/web-server';

let t: TestDatabase;
let web: TestWebServer;
const PASSWORD = 'cached overview password';
const cookies = new Map<string, string>();

const config = configSchema.parse({
  campaign: { name: 'cached overview' },
  sites: [{ id: 'ridge', name: 'Ridge' }],
  instruments: [
    { id: 'tower', name: 'Met tower', site: 'ridge', kind: 'campbell-toa5', expectedInterval: '60s', source: { path: '/srv/tower' } },
    { id: 'mast', name: 'Flux mast', site: 'ridge', kind: 'campbell-toa5', expectedInterval: '60s', source: { path: '/srv/mast' } },
  ],
});

beforeAll(async () => {
  t = await createTestDatabase();
  await syncConfigToDatabase(t.db, config);
  for (const email of ['viewer@example.org', 'leaver@example.org']) {
    await createUser(t.db, { email, role: 'viewer', password: PASSWORD }, { actor: 'system' });
  }
  web = await startWebServer({ databaseUrl: t.url });
  for (const email of ['viewer@example.org', 'leaver@example.org']) {
    const { cookie } = await signInOverHttp(web.url, email, PASSWORD);
    cookies.set(email, cookie!);
  }
}, 300_000);

afterAll(async () => {
  await web?.stop();
  await t?.drop();
});

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${web.url}${path}`, { headers, redirect: 'manual' });
const asViewer = (path = '/', headers: Record<string, string> = {}) => get(path, { cookie: cookies.get('viewer@example.org')!, ...headers });
const renderedAt = (html: string) => /data-testid="overview-freshness">As of <time dateTime="([^"]+)"/.exec(html)?.[1];
const stateOf = (html: string, id: string) => new RegExp(`data-instrument="${id}".*?data-state="([a-z]+)"`, 's').exec(html)?.[1];

describe('the cached overview', () => {
  it('serves one rendering to every viewer, marked private so no shared cache keeps it', async () => {
    const first = await asViewer();
    const firstHtml = await first.text();
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('private, no-cache');
    expect(firstHtml.match(/data-instrument="/g)).toHaveLength(2);
    expect(firstHtml).toContain('this page is rebuilt at most every 5 s');
    // The browser's router may reuse it on client navigation for this long (next.config.ts staleTimes).
    expect(first.headers.get('x-nextjs-stale-time')).toBe('30');

    const other = await get('/', { cookie: cookies.get('leaver@example.org')! });
    const otherHtml = await other.text();
    expect(other.status).toBe(200);
    expect(other.headers.get('cache-control')).toBe('private, no-cache');
    // Within the cache period both see the same rendering, and neither sees who the other is.
    expect(renderedAt(otherHtml)).toBe(renderedAt(firstHtml));
    expect(firstHtml + otherHtml).not.toContain('@example.org');
  });

  it('still checks every request: a user disabled after the page was cached is sent to sign in', async () => {
    expect((await get('/', { cookie: cookies.get('leaver@example.org')! })).status).toBe(200);
    await t.db.update(users).set({ disabled: true }).where(eq(users.email, 'leaver@example.org'));
    const response = await get('/', { cookie: cookies.get('leaver@example.org')! });
    expect(response.status).toBe(307);
    expect(new URL(response.headers.get('location')!, web.url).pathname).toBe('/signin');
    const straight = await get('/overview/all', { cookie: cookies.get('leaver@example.org')! });
    expect(straight.status).toBe(307);
    expect(await straight.text()).not.toContain('data-instrument=');
  });

  it('shows new data within the cache period plus one rendering', async () => {
    const before = await (await asViewer()).text();
    expect(stateOf(before, 'tower')).toBe('new');
    const now = Math.floor(Date.now() / 60_000) * 60_000;
    await seedSeries(t.db, { instrumentId: 'tower', variables: [{ name: 'AirTC', unit: 'degC' }], fromMs: now - 3600_000, toMs: now, stepSeconds: 60 });
    const seededAt = Date.now();
    // Stale-while-revalidate: the first request after 5 s gets the old rendering and starts a new one.
    await expect.poll(async () => stateOf(await (await asViewer()).text(), 'tower'), { timeout: 30_000, interval: 500 }).toBe('up');
    const after = await (await asViewer()).text();
    expect(Date.parse(renderedAt(after)!)).toBeGreaterThanOrEqual(seededAt - 1000);
  });

  it('answers an RSC (client navigation) request for / the same way as the page', async () => {
    // Next first sends a request without its cache-busting `_rsc` value to the URL with it.
    const bounce = await asViewer('/', { rsc: '1' });
    expect(bounce.status).toBe(307);
    const withHash = bounce.headers.get('location')!;
    expect(withHash).toMatch(/^\/\?_rsc/);
    const rsc = await asViewer(withHash, { rsc: '1' });
    expect(rsc.status).toBe(200);
    expect(rsc.headers.get('content-type')).toContain('text/x-component');
    expect(rsc.headers.get('cache-control')).toBe('private, no-cache');
    const anonymous = await get(withHash, { rsc: '1' });
    expect(anonymous.status).toBe(307);
    expect(new URL(anonymous.headers.get('location')!, web.url).pathname).toBe('/signin');
    expect(await anonymous.text()).not.toContain('tower');
  });

  it('is not opened by a spoofed internal header, nor by asking for the cached rendering or another scope', async () => {
    for (const spoof of ['proxy:proxy:proxy:proxy:proxy', 'middleware:middleware:middleware:middleware:middleware', 'src/proxy', 'proxy']) {
      for (const path of ['/', '/overview/all']) {
        const response = await get(path, { 'x-middleware-subrequest': spoof });
        expect(response.status, `${path} with x-middleware-subrequest: ${spoof}`).toBe(307);
        expect(new URL(response.headers.get('location')!, web.url).pathname).toBe('/signin');
        expect(await response.text()).not.toContain('data-instrument=');
      }
    }
    expect((await asViewer('/overview/all')).status).toBe(200);
    expect((await asViewer('/overview/elsewhere')).status).toBe(404);
  });
});
