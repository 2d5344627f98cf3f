// /ops/mirrors over real HTTP against the production server: operators see a real verification's missing
// files, coverage and CSV; viewers get 403 on the page, the CSV and the actions; "sync now" queues a real
// pg-boss job and writes the audit log; bad and hostile input is refused without queuing anything.
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEntries } from '../../db/queries/audit-log';
import { signInOverHttp, STACK_TRACE } from '../helpers/auth';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { HOSTILE, LOST, mirrorPageCampaign, PASSWORD, type MirrorPageCampaign } from '../helpers/mirror-pages';
import { startWebServer, type TestWebServer } from '../helpers/web-server';

let t: TestDatabase;
let c: MirrorPageCampaign;
let web: TestWebServer;
let auditId: number;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestDatabase();
  c = await mirrorPageCampaign(t);
  auditId = await c.verify();
  await c.verify('usb');
  web = await startWebServer({ databaseUrl: t.url, env: { AUTH_SECRET: crypto.randomBytes(32).toString('base64url') } });
  for (const role of ['viewer', 'operator']) cookies[role] = (await signInOverHttp(web.url, `${role}@example.org`, PASSWORD)).cookie!;
}, 600_000);
afterAll(async () => {
  await web?.stop();
  await c?.cleanup();
  await t?.drop();
});

const get = (path: string, role?: string) => fetch(`${web.url}${path}`, { redirect: 'manual', headers: role ? { cookie: cookies[role]! } : {} });
const jobs = async (queue: string) =>
  (await t.db.execute<{ data: unknown }>(sql`select data from pgboss.job where name = ${queue} order by created_on`)).rows.map((r) => r.data);

/** The page's action id, from the hidden field React renders into a form for no-JS posts. */
async function actionId(): Promise<string> {
  const html = await (await get('/ops/mirrors', 'operator')).text();
  // Inside the hop's section: the page's menu has forms of its own (sign out).
  return /name="\$ACTION_ID_([0-9a-f]+)"/.exec(html.slice(html.indexOf('data-mirror="archive"')))![1]!;
}

function post(role: string | null, fields: Record<string, string>, options: { id: string; viaFetch?: boolean; origin?: string }) {
  const form = new FormData();
  if (options.viaFetch) {
    // How React encodes `action(formData)` when the page's JavaScript makes the call.
    form.set('0', '["$K1"]');
    for (const [k, v] of Object.entries(fields)) form.set(`1_${k}`, v);
  } else {
    form.set(`$ACTION_ID_${options.id}`, '');
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
  }
  const headers: Record<string, string> = { origin: options.origin ?? web.url, ...(role ? { cookie: cookies[role]! } : {}) };
  if (options.viaFetch) headers['next-action'] = options.id;
  return fetch(`${web.url}/ops/mirrors`, { method: 'POST', body: form, redirect: 'manual', headers });
}

describe('/ops/mirrors access', () => {
  it('sends signed-out visitors to sign in and gives viewers 403 on the pages and the CSV', async () => {
    const signedOut = await get('/ops/mirrors');
    expect([303, 307]).toContain(signedOut.status);
    expect(signedOut.headers.get('location')).toContain('/signin');
    expect((await get('/ops/mirrors', 'viewer')).status).toBe(403);
    expect((await get('/ops/mirrors/archive', 'viewer')).status).toBe(403);
    expect((await get(`/ops/mirrors/archive/audits/${auditId}/items.csv`, 'viewer')).status).toBe(403);
    // Without any session cookie the proxy sends the browser to sign in; with a dead cookie the route says 401.
    expect((await get(`/ops/mirrors/archive/audits/${auditId}/items.csv`)).headers.get('location')).toContain('/signin');
    const dead = await fetch(`${web.url}/ops/mirrors/archive/audits/${auditId}/items.csv`, { headers: { cookie: 'authjs.session-token=forged' } });
    expect(dead.status).toBe(401);
  });
});

describe('/ops/mirrors for operators', () => {
  it('shows the hop, its latest audit with the missing files, escaped, and the coverage grid', async () => {
    const response = await get('/ops/mirrors', 'operator');
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('data-mirror="archive"');
    expect(html).toContain('data store');
    expect(html).toContain('data-outcome="missing"');
    expect(html).toMatch(/data-count="missing_on_target"[^>]*>2</);
    expect(html).toContain(LOST);
    // The hostile name is text, never markup.
    expect(html).not.toContain('<img src=x onerror');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;.dat');
    const day = new Date(Date.now() - 3_600_000).toISOString().slice(0, 10);
    expect(html).toMatch(new RegExp(`data-instrument="cl61" data-day="${day}" data-present="2" data-expected="3"`));
    expect(html).toMatch(new RegExp(`data-instrument="asfs" data-day="${day}" data-present="1" data-expected="2"`));
    // The second hop reads the archive; its disk is not mounted, and the page says so.
    const usb = html.slice(html.indexOf('data-mirror="usb"'));
    expect(usb).toMatch(/<h2>archive(<!-- -->)? → /);
    expect(usb).toContain('data-outcome="failed"');
    expect(usb).toMatch(/Audit failed: (<!-- -->)?[^<]*usb-not-mounted/);
    expect((await get('/ops/mirrors/archive', 'operator')).status).toBe(200);
    expect((await get('/ops/mirrors/nope', 'operator')).status).toBe(404);
    expect((await get('/ops/mirrors/archive?page=-1e99', 'operator')).status).toBe(200);
  });

  it('downloads every item as CSV with hostile names quoted and defused, and refuses other audits', async () => {
    const response = await get(`/ops/mirrors/archive/audits/${auditId}/items.csv`, 'operator');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    const lines = (await response.text()).trim().split('\n');
    expect(lines[0]).toBe('status,relative_path,basename,instrument,day,source_size,target_size');
    expect(lines).toHaveLength(3);
    expect(lines.some((l) => l.startsWith(`"missing_on_target","${LOST}"`))).toBe(true);
    expect(lines.some((l) => l.includes(`"'=cmd|calc ""x"",<img src=x onerror=alert(1)>.dat"`))).toBe(true);
    for (const bad of [`/ops/mirrors/other/audits/${auditId}/items.csv`, '/ops/mirrors/archive/audits/999999/items.csv',
      '/ops/mirrors/archive/audits/1%27%20or%201=1/items.csv', `/ops/mirrors/archive/audits/${'9'.repeat(400)}/items.csv`]) {
      const refused = await get(bad, 'operator');
      expect(refused.status, bad).toBe(404);
      expect(await refused.text()).not.toMatch(STACK_TRACE);
    }
    expect(HOSTILE).toContain('=cmd');
  });
});

describe('sync now and verify now', () => {
  it('refuse viewers and cross-site posts: no job, no audit entry', async () => {
    const id = await actionId();
    expect((await post('viewer', { mirrorId: 'archive', kind: 'sync' }, { id, viaFetch: true })).status).toBe(403);
    expect((await post('viewer', { mirrorId: 'archive', kind: 'sync' }, { id })).status).not.toBe(303);
    await post('operator', { mirrorId: 'archive', kind: 'sync' }, { id, origin: 'https://evil.example.org' });
    expect(await jobs('mirror-sync')).toEqual([]);
    expect(await listAuditEntries(t.db, { action: 'mirror' })).toEqual([]);
  });

  it('refuse unknown, malformed, hostile and oversized input with a message, queuing nothing', async () => {
    const id = await actionId();
    for (const fields of [
      { mirrorId: 'nope', kind: 'sync' },
      { mirrorId: '../../etc', kind: 'sync' },
      { mirrorId: 'archive', kind: 'delete-everything' },
      { mirrorId: 'x'.repeat(100_000), kind: 'verify' },
      { kind: 'sync' },
    ]) {
      const response = await post('operator', fields as Record<string, string>, { id });
      expect(response.status, JSON.stringify(fields).slice(0, 80)).toBe(303);
      const location = new URL(response.headers.get('location')!, web.url);
      expect(location.pathname).toBe('/ops/mirrors');
      expect(location.searchParams.get('error')).toMatch(/bad request|no mirror 'nope'/);
    }
    const shown = await (await get(`/ops/mirrors?error=${encodeURIComponent('<b>x</b>')}`, 'operator')).text();
    expect(shown).toContain('&lt;b&gt;x&lt;/b&gt;');
    expect(await jobs('mirror-sync')).toEqual([]);
    expect(await jobs('mirror-verify')).toEqual([]);
  });

  it('queue a real job and write the audit log; a second press while one waits queues no second job', async () => {
    const id = await actionId();
    const response = await post('operator', { mirrorId: 'archive', kind: 'sync' }, { id });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/ops/mirrors?requested=sync&mirror=archive');
    expect(await jobs('mirror-sync')).toEqual([{ mirrorId: 'archive' }]);
    const again = await post('operator', { mirrorId: 'archive', kind: 'sync' }, { id });
    expect(again.headers.get('location')).toBe('/ops/mirrors?requested=sync&mirror=archive&already=1');
    expect(await jobs('mirror-sync')).toHaveLength(1);
    expect((await post('operator', { mirrorId: 'archive', kind: 'verify', returnTo: 'detail' }, { id })).headers.get('location'))
      .toBe('/ops/mirrors/archive?requested=verify&mirror=archive');
    expect(await jobs('mirror-verify')).toEqual([{ mirrorId: 'archive' }]);

    const entries = await listAuditEntries(t.db, { action: 'mirror' });
    expect(entries.map((e) => [e.actor, e.action, e.target, e.address, e.details.alreadyQueued]).reverse()).toEqual([
      ['operator@example.org', 'mirror.sync', 'archive', '127.0.0.1', false],
      ['operator@example.org', 'mirror.sync', 'archive', '127.0.0.1', true],
      ['operator@example.org', 'mirror.verify', 'archive', '127.0.0.1', false],
    ]);
    const page = await (await get('/ops/mirrors?requested=sync&mirror=archive', 'operator')).text();
    expect(page).toContain('A sync of archive is queued');
  });
});
