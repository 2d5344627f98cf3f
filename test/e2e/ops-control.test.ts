// The operations control panel over real HTTP and in a real browser, against the production web server and a
// real pg-boss: an operator pauses a schedule and runs a job now (the pause is stored, the job exists, both
// audited); a viewer sees no controls, gets 403 on every ops page and on the log stream, and 403 when
// replaying each of the panel's server actions; the live log streams appended lines with its filters and
// refuses hostile parameters. Screenshots of /ops and /ops/alerts.
import fs from 'node:fs';
import path from 'node:path';
import { PgBoss } from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEntries } from '../../db/queries/audit-log';
import { syncConfigToDatabase } from '../../db/queries/config-sync';
import { insertHealthSnapshots } from '../../db/queries/health-snapshots';
import { componentCommands } from '../../db/schema';
import { listSchedulePauses } from '../../db/queries/ops-control';
import { createSilence, listSilences } from '../../db/queries/alerts';
import { insertHeartbeat } from '../../db/queries/heartbeats';
import { pauseSchedule } from '../../lib/ops/control/schedules';
import { createUser } from '../../lib/auth/accounts';
import { demoConfig } from '../../lib/config/demo';
import { collectHost } from '../../lib/ops/health/host';
import { allQueues, queues } from '../../workers/queues';
import { applySchedules } from '../../workers/schedules';
import { signInInBrowser, signInOverHttp, STACK_TRACE } from '../helpers/auth';
import { chromiumAvailable, launchBrowser, screenshotPath } from '../helpers/browser';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { waitFor } from '../helpers/fieldops-process';
import { startWebServer, type TestWebServer } from '../helpers/web-server';
import { seedFailedOutboxMessage, seedFiringAlert } from '../ops/fixtures/ops-rows';

const PASSWORD = 'ops panel password 1';
const OPERATOR = 'operator@example.org';
const VIEWER = 'viewer@example.org';
const config = demoConfig('/srv/demo');
const OPS_PAGES = ['/ops', '/ops/alerts', '/ops/outbox', '/ops/logs'];

let t: TestDatabase;
let web: TestWebServer;
let boss: PgBoss;
const cookies = new Map<string, string>();

const get = (route: string, cookie?: string) => fetch(`${web.url}${route}`, { headers: cookie ? { cookie } : {}, redirect: 'manual' });
const logFile = () => path.join(web.dataDir, 'logs', 'fieldops.jsonl');
const logLine = (component: string, level: number, msg: string) => `${JSON.stringify({ level, time: new Date().toISOString(), component, pid: 1, msg })}\n`;

beforeAll(async () => {
  t = await createTestDatabase();
  await syncConfigToDatabase(t.db, config);
  for (const [email, role] of [[OPERATOR, 'operator'], [VIEWER, 'viewer']] as const) await createUser(t.db, { email, role, password: PASSWORD }, { actor: 'system' });
  // What a worker leaves in the database: pg-boss's schema, the queues and the config's schedules.
  boss = new PgBoss({ connectionString: t.url, max: 2, schedule: false, supervise: false });
  boss.on('error', () => {});
  await boss.start();
  for (const queue of allQueues) await boss.createQueue(queue.name, { ...queue.options, policy: queue.policy });
  await applySchedules(boss, config);
  await seedFiringAlert(t.db);
  await createSilence(t.db, { matcher: { instrument: 'cl61' }, endsAt: new Date(Date.now() + 3600_000), createdBy: OPERATOR, reason: 'lens cleaning' });
  // One schedule already paused (so the page offers resume) and a supervisor with its children (start/stop).
  await pauseSchedule(t.db, boss, { queue: queues.rollupsRefresh.name, key: 'default' }, { actor: OPERATOR, address: null });
  const started = new Date();
  const children = ['web', 'worker', 'demo-files'].map((name, i) => ({ name, pid: 40_000 + i, running: name !== 'demo-files', restarts: i, startedAt: started.toISOString() }));
  await insertHeartbeat(t.db, { id: `obs-1:39999:${started.getTime()}`, kind: 'supervisor', host: 'obs-1', pid: 39_999, startedAt: started, lastBeatAt: started, info: { children } });
  await insertHeartbeat(t.db, { id: `obs-1:40001:${started.getTime()}`, kind: 'worker', host: 'obs-1', pid: 40_001, startedAt: started, lastBeatAt: started, restartCount: 1 });
  await seedFailedOutboxMessage(t.db);
  const now = Date.now();
  for (let i = 12; i >= 0; i--) {
    const host = collectHost();
    await insertHealthSnapshots(t.db, host.readings.map((r) => ({ ...r, value: (r.value ?? 0) * (1 + i / 20), time: new Date(now - i * 300_000) })));
  }
  web = await startWebServer({ databaseUrl: t.url });
  fs.mkdirSync(path.join(web.dataDir, 'logs'), { recursive: true });
  fs.writeFileSync(logFile(), logLine('worker', 30, 'worker started') + logLine('web', 40, 'slow request'));
  fs.mkdirSync(path.join(web.dataDir, 'run'), { recursive: true });
  fs.writeFileSync(path.join(web.dataDir, 'run', 'preflight.json'), JSON.stringify({ at: new Date().toISOString(),
    results: [{ status: 'PASS', name: 'database', detail: 'embedded PostgreSQL 18' }, { status: 'WARN', name: 'data folder', detail: '0.5 GB free' }] }));
  for (const email of [OPERATOR, VIEWER]) {
    const signedIn = await signInOverHttp(web.url, email, PASSWORD);
    expect(signedIn.cookie, email).not.toBeNull();
    cookies.set(email, signedIn.cookie!);
  }
}, 600_000);

afterAll(async () => {
  await web?.stop();
  await boss?.stop({ graceful: false });
  await t?.drop();
});

describe('ops pages over HTTP', () => {
  it('each ops page: sign-in redirect without a session, 403 for a viewer, 200 for an operator', async () => {
    for (const route of OPS_PAGES) {
      const anonymous = await get(route);
      expect(anonymous.status, route).toBe(307);
      expect(new URL(anonymous.headers.get('location')!, web.url).pathname).toBe('/signin');
      const viewer = await get(route, cookies.get(VIEWER));
      expect(viewer.status, `${route} viewer`).toBe(403);
      const viewerHtml = await viewer.text();
      expect(viewerHtml).not.toContain('$ACTION_ID_');
      expect(viewerHtml).not.toMatch(STACK_TRACE);
      const operator = await get(route, cookies.get(OPERATOR));
      expect(operator.status, `${route} operator`).toBe(200);
    }
  });

  it('the panel shows schedules with next runs, failures, components, hosts, preflight, alerts and the outbox', async () => {
    const html = await (await get('/ops', cookies.get(OPERATOR))).text();
    expect(html).toContain('data-schedule="health-collect/default"');
    expect(html).toContain('data-metric="host_memory_used_percent"');
    expect(html).toContain('<svg');
    expect(html).toContain('data-check="data folder"');
    expect(html).toContain('data-child="demo-files@obs-1"');
    const rowOf = (marker: string) => html.slice(html.indexOf(marker)).split('</tr>')[0]!;
    // A stopped child offers start; a running one stop and restart; the web server restart only.
    expect(rowOf('data-child="demo-files@obs-1"')).toContain('aria-label="start demo-files on obs-1"');
    expect(rowOf('data-child="demo-files@obs-1"')).not.toContain('aria-label="stop');
    expect(rowOf('data-child="worker@obs-1"')).toContain('aria-label="stop worker on obs-1"');
    expect(rowOf('data-child="web@obs-1"')).not.toContain('aria-label="stop');
    expect(html).toContain('data-component="worker@obs-1"');
    expect(html).toContain('data-paused="true"');
    const alerts = await (await get('/ops/alerts', cookies.get(OPERATOR))).text();
    expect(alerts).toContain('data-alert-state="firing"');
    expect(alerts).toContain('name="duration" value="4h"');
    const outbox = await (await get('/ops/outbox', cookies.get(OPERATOR))).text();
    expect(outbox).toContain('data-state="failed"');
    expect(outbox).toContain('550 mailbox unavailable');
  });

  it('a viewer replaying any of the panel\'s server actions gets 403 and changes nothing; the same replay works for an operator', async () => {
    const actionIdsIn = (html: string) => [...html.matchAll(/name="\$ACTION_ID_([0-9a-f]+)"/g)].map((m) => m[1]!);
    // The layout's own actions (sign out) are open to every signed-in user: not the panel's.
    const everyones = new Set(actionIdsIn(await (await get('/', cookies.get(VIEWER))).text()));
    const actionIds = new Set<string>();
    for (const route of ['/ops', '/ops/alerts', '/ops/outbox']) {
      const html = await (await get(route, cookies.get(OPERATOR))).text();
      for (const id of actionIdsIn(html)) if (!everyones.has(id)) actionIds.add(`${route} ${id}`);
    }
    // Run now, pause, resume, enable/disable, start/stop/restart, acknowledge, silence, end silence, retry.
    expect(actionIds.size).toBeGreaterThanOrEqual(9);
    const auditBefore = (await listAuditEntries(t.db)).length;
    const jobsBefore = await boss.findJobs(queues.healthCollect.name);
    const replay = (route: string, id: string, cookie: string) => {
      // How React encodes `action(formData)` when the page's JavaScript calls it.
      const form = new FormData();
      form.set('0', '["$K1"]');
      for (const [k, v] of Object.entries({ queue: 'health-collect', key: 'default', instrumentId: 'asfs', enabled: 'false', component: 'worker',
        host: 'localhost', action: 'restart', alertId: '1', match: 'instrument', duration: '1h', reason: 'r', silenceId: '1', messageId: '1' })) form.set(`1_${k}`, v);
      return fetch(`${web.url}${route}`, { method: 'POST', body: form, redirect: 'manual', headers: { cookie, origin: web.url, 'next-action': id } });
    };
    for (const entry of actionIds) {
      const [route, id] = entry.split(' ') as [string, string];
      const response = await replay(route, id, cookies.get(VIEWER)!);
      expect(response.status, entry).toBe(403);
      expect(await response.text()).not.toMatch(STACK_TRACE);
    }
    expect((await listAuditEntries(t.db)).length).toBe(auditBefore);
    expect(await boss.findJobs(queues.healthCollect.name)).toEqual(jobsBefore);
    expect((await listSchedulePauses(t.db)).map((p) => `${p.queue}/${p.key}`)).toEqual(['rollups-refresh/default']);
    expect(await t.db.select().from(componentCommands)).toEqual([]);

    // The control: an operator's identical replay of "run now" goes through (so the 403s above were the role).
    const html = await (await get('/ops', cookies.get(OPERATOR))).text();
    const row = html.slice(html.indexOf('data-schedule="health-collect/default"'));
    const runNow = /name="\$ACTION_ID_([0-9a-f]+)"/.exec(row)![1]!;
    // Posted the way the form posts without JavaScript (the encoding Next documents for progressive enhancement).
    const form = new FormData();
    form.set(`$ACTION_ID_${runNow}`, '');
    form.set('queue', 'health-collect');
    form.set('key', 'default');
    const refused = await fetch(`${web.url}/ops`, { method: 'POST', body: form, redirect: 'manual', headers: { cookie: cookies.get(VIEWER)!, origin: web.url } });
    // Refused without JavaScript too (Next renders forbidden() of a no-JS post as its not-found page).
    expect([403, 404]).toContain(refused.status);
    expect(await boss.findJobs(queues.healthCollect.name)).toEqual(jobsBefore);
    const accepted = await fetch(`${web.url}/ops`, { method: 'POST', body: form, redirect: 'manual', headers: { cookie: cookies.get(OPERATOR)!, origin: web.url } });
    expect(accepted.status).toBe(303);
    expect(accepted.headers.get('location')).toMatch(/^\/ops\?done=sent/);
    expect((await boss.findJobs(queues.healthCollect.name)).length).toBe(jobsBefore.length + 1);
    expect((await listAuditEntries(t.db, { action: 'job.run' }))[0]).toMatchObject({ actor: OPERATOR, target: 'health-collect/default', address: '127.0.0.1' });
  });
});

describe('live log over SSE', () => {
  async function readEvents(query: string, until: (text: string) => boolean, cookie = cookies.get(OPERATOR)!): Promise<string> {
    const abort = new AbortController();
    const response = await fetch(`${web.url}/api/ops/log${query}`, { headers: { cookie }, signal: abort.signal });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = response.body!.getReader();
    let text = '';
    try {
      while (!until(text)) {
        const { value, done } = await reader.read();
        if (done) break;
        text += new TextDecoder().decode(value);
      }
    } finally {
      abort.abort();
    }
    return text;
  }

  it('refuses callers without a session (401) and viewers (403)', async () => {
    const anonymous = await fetch(`${web.url}/api/ops/log`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({ error: 'unauthorized' });
    const viewer = await fetch(`${web.url}/api/ops/log`, { headers: { cookie: cookies.get(VIEWER)! } });
    expect(viewer.status).toBe(403);
  });

  it('refuses hostile parameters with 400 and a message naming the parameter', async () => {
    for (const query of ['?level=loud', '?lines=99999', '?lines=-5', `?component=${encodeURIComponent('../../../etc/passwd')}`, `?component=${'a'.repeat(5000)}`,
      '?level=__proto__']) {
      const response = await fetch(`${web.url}/api/ops/log${query}`, { headers: { cookie: cookies.get(OPERATOR)! } });
      expect(response.status, query).toBe(400);
      expect(((await response.json()) as { error: string }).error).toMatch(/^(level|lines|component):/);
    }
  });

  it('sends the last lines, then appended ones, filtered by component and level', async () => {
    const all = await readEvents('?lines=10', (text) => text.includes('event: ready'));
    expect(all).toContain('worker started');
    expect(all).toContain('slow request');
    const filtered = readEvents('?component=worker&level=warn', (text) => text.includes('disk nearly full'));
    await new Promise((r) => setTimeout(r, 300));
    fs.appendFileSync(logFile(), logLine('worker', 30, 'info is below warn') + logLine('web', 50, 'web error') + logLine('worker', 50, 'disk nearly full'));
    const text = await filtered;
    expect(text).not.toContain('worker started');
    expect(text).not.toContain('info is below warn');
    expect(text).not.toContain('web error');
    expect(text).toContain('"msg":"disk nearly full"');
  });
});

describe.runIf(chromiumAvailable())('the panel in a browser', () => {
  it('an operator pauses a schedule and runs a job now; both are stored and audited', async () => {
    const session = await launchBrowser();
    try {
      const page = await session.browser.newPage();
      await page.setViewportSize({ width: 1400, height: 1000 });
      await signInInBrowser(page, web.url, OPERATOR, PASSWORD, '/ops');
      const row = page.locator('tr[data-schedule="source-sync/asfs"]');
      await expect.poll(() => row.getAttribute('data-paused')).toBe('false');
      await page.getByRole('button', { name: 'Pause source-sync/asfs' }).click();
      await expect.poll(() => row.getAttribute('data-paused'), { timeout: 20_000 }).toBe('true');
      expect(await page.getByRole('status').textContent()).toBe('paused source-sync/asfs');
      expect((await listSchedulePauses(t.db)).map((p) => `${p.queue}/${p.key}/${p.pausedBy}`)).toContain(`source-sync/asfs/${OPERATOR}`);
      expect(await boss.getSchedules('source-sync', 'asfs')).toEqual([]);

      await page.getByRole('button', { name: 'Run source-sync/asfs now' }).click();
      await expect.poll(() => page.getByRole('status').textContent(), { timeout: 20_000 }).toMatch(/^sent source-sync\/asfs \(job [0-9a-f-]+\)$/);
      const jobId = /job ([0-9a-f-]+)/.exec((await page.getByRole('status').textContent())!)![1]!;
      const job = await boss.getJobById('source-sync', jobId);
      expect(job).toMatchObject({ state: 'created', data: { instrumentId: 'asfs' } });
      await page.screenshot({ path: screenshotPath('ops-panel'), fullPage: true });

      const audited = (await listAuditEntries(t.db, { actor: OPERATOR })).map((e) => `${e.action} ${e.target}`);
      expect(audited).toContain('schedule.pause source-sync/asfs');
      expect(audited).toContain('job.run source-sync/asfs');

      await page.goto(`${web.url}/ops/alerts`);
      await page.waitForLoadState('load');
      await page.getByRole('button', { name: /^Acknowledge alert/ }).click();
      await expect.poll(() => page.getByRole('status').textContent(), { timeout: 20_000 }).toMatch(/^acknowledged alert/);
      // Silence from the alert: the form comes prefilled with its labels and a duration; a reason is required.
      await page.getByText('Silence…').click();
      await page.getByLabel('Reason').fill('van in the garage');
      await page.getByRole('button', { name: 'Create silence' }).click();
      await expect.poll(() => page.getByRole('status').textContent(), { timeout: 20_000 }).toMatch(/^silence \d+ until/);
      const silences = await listSilences(t.db);
      expect(silences[0]).toMatchObject({ matcher: { component: 'feed:van1', instrument: 'van1' }, createdBy: OPERATOR, reason: 'van in the garage' });
      expect(silences[0]!.endsAt.getTime() - silences[0]!.startsAt.getTime()).toBe(4 * 3600_000);
      await page.screenshot({ path: screenshotPath('ops-alerts'), fullPage: true });
      // The live log page: its filters in the URL, the tail first, then lines as they are appended.
      await page.goto(`${web.url}/ops/logs?component=worker&level=error`);
      await expect.poll(() => page.locator('[data-log-component]').allTextContents(), { timeout: 20_000 }).toEqual([expect.stringContaining('disk nearly full')]);
      await expect.poll(() => page.locator('[data-log-status]').getAttribute('data-log-status'), { timeout: 20_000 }).toBe('following');
      fs.appendFileSync(logFile(), logLine('web', 50, 'not this one') + logLine('worker', 50, 'appended while watching'));
      await expect.poll(() => page.locator('[data-log-component]').allTextContents(), { timeout: 20_000 })
        .toEqual([expect.stringContaining('disk nearly full'), expect.stringContaining('appended while watching')]);
      expect(await page.getByLabel('Component').inputValue()).toBe('worker');
      await page.screenshot({ path: screenshotPath('ops-logs'), fullPage: true });
      await waitFor('the acknowledgement in the audit log', async () => ((await listAuditEntries(t.db, { action: 'alert.acknowledge' })).length ? true : undefined), 10_000);
    } finally {
      await session.close();
    }
  });

  it('a viewer does not see the controls: the ops page is a 403 page without any button', async () => {
    const session = await launchBrowser();
    try {
      const page = await session.browser.newPage();
      await signInInBrowser(page, web.url, VIEWER, PASSWORD, '/');
      const response = await page.goto(`${web.url}/ops`);
      expect(response?.status()).toBe(403);
      expect(await page.getByRole('button', { name: /Run .* now|Pause|Resume|Disable|restart/ }).count()).toBe(0);
      expect(await page.locator('tr[data-schedule]').count()).toBe(0);
    } finally {
      await session.close();
    }
  });
});
