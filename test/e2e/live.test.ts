// The live feed end to end: the simulator on loopback (wall clock), the poller writing a real database, the
// production web server serving /api/live/<instrument> as SSE and the live page in headless Chromium.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { syncConfigToDatabase } from '../../db/queries/config-sync';
import { createUser } from '../../lib/auth/accounts';
import { runLiveFeed } from '../../lib/live/run-feed';
import { type CampbellLoggerSimulator, startCampbellLoggerSimulator } from '../../lib/simulators/campbell-logger';
import { signInOverHttp } from '../helpers/auth';
import { chromiumAvailable, launchBrowser, screenshotPath } from '../helpers/browser';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { RestartableWebServer } from '../helpers/restartable-web-server';
import { liveConfig } from '../live/harness';

const PASSWORD = 'live feed viewer password';
let t: TestDatabase;
let sim: CampbellLoggerSimulator;
let web: RestartableWebServer;
let cookie: string;
const poller = new AbortController();
let polling: Promise<unknown>;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldops-live-e2e-'));

async function journalIds(): Promise<number[]> {
  const rows = await t.db.execute<{ id: string }>(sql`SELECT id FROM live_records WHERE instrument_id = 'van1' ORDER BY id`);
  return rows.rows.map((r) => Number(r.id));
}

/** Reads SSE events from a response until `enough` says so. */
async function readEvents(response: Response, enough: (events: { id?: string; event: string; data: string }[]) => boolean) {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const events: { id?: string; event: string; data: string }[] = [];
  let buffer = '';
  while (!enough(events)) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const fields = Object.fromEntries(block.split('\n').filter((l) => l && !l.startsWith(':')).map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()]));
      if (fields.data !== undefined) events.push({ id: fields.id, event: fields.event ?? 'message', data: fields.data });
    }
  }
  await reader.cancel();
  return events;
}

beforeAll(async () => {
  t = await createTestDatabase();
  sim = await startCampbellLoggerSimulator({ prefillSeconds: 60 });
  const config = liveConfig(sim.url, { pollSeconds: 0.2, retryDelay: 0.2 });
  await syncConfigToDatabase(t.db, config);
  await createUser(t.db, { email: 'viewer@example.org', role: 'viewer', password: PASSWORD }, { actor: 'system' });
  polling = runLiveFeed({ db: t.db, instrument: config.instruments[0]!, dataDir, holder: 'e2e', signal: poller.signal,
    log: { info: () => {}, warn: () => {} } }).catch((error: unknown) => error);
  web = await RestartableWebServer.create({ DATABASE_URL: t.url, AUTH_SECRET: 'a test secret of at least thirty-two characters' });
  await web.start();
  cookie = (await signInOverHttp(web.url, 'viewer@example.org', PASSWORD)).cookie!;
  await vi.waitFor(async () => expect((await journalIds()).length).toBeGreaterThanOrEqual(5), { timeout: 20_000, interval: 100 });
}, 300_000);

afterAll(async () => {
  poller.abort();
  await polling;
  await web?.dispose();
  await sim?.close();
  await t?.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('GET /api/live/<instrument>', () => {
  it('streams one event per record with journal ids, resuming after Last-Event-ID', async () => {
    const ids = await journalIds();
    const resumeAfter = ids[2]!;
    const response = await fetch(`${web.url}/api/live/van1`, { headers: { 'last-event-id': String(resumeAfter), cookie } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events = await readEvents(response, (evs) => evs.filter((e) => e.event === 'record').length >= ids.length - 3 + 2);
    const records = events.filter((e) => e.event === 'record');
    const got = records.map((e) => Number(e.id));
    expect(got.slice(0, ids.length - 3)).toEqual(ids.slice(3));
    expect(got).toEqual([...got].sort((a, b) => a - b));
    expect(await journalIds()).toEqual(expect.arrayContaining(got));
    const first = JSON.parse(records[0]!.data) as { id: number; t: number; no: number; v: Record<string, number | null> };
    expect(first.id).toBe(ids[3]);
    expect(typeof first.v.WS_ms).toBe('number');
    expect(events.some((e) => e.event === 'health')).toBe(true);
  });

  it('holds one LISTEN connection per web server, however many browsers watch', async () => {
    const streams = await Promise.all(Array.from({ length: 5 }, () => fetch(`${web.url}/api/live/van1`, { headers: { cookie } })));
    await Promise.all(streams.map((s) => readEvents(s, (evs) => evs.some((e) => e.event === 'record'))));
    const listeners = await t.db.execute(sql`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'fieldops-live-listen'`);
    expect(listeners.rows).toHaveLength(1);
  });

  it('is served alike by several web servers (each LISTENs on the same database)', async () => {
    const other = await RestartableWebServer.create({ DATABASE_URL: t.url, AUTH_SECRET: 'a test secret of at least thirty-two characters' });
    await other.start();
    try {
      const after = (await journalIds()).at(-1)!;
      const read = async (base: string) => {
        const response = await fetch(`${base}/api/live/van1?after=${after}`, { headers: { cookie } });
        const events = await readEvents(response, (evs) => evs.filter((e) => e.event === 'record').length >= 3);
        return events.filter((e) => e.event === 'record').slice(0, 3).map((e) => e.id);
      };
      const [a, b] = await Promise.all([read(web.url), read(other.url)]);
      expect(a).toEqual(b);
      expect(Number(a[0])).toBeGreaterThan(after);
    } finally {
      await other.dispose();
    }
  });

  it('answers 404 for an instrument without a live feed', async () => {
    const response = await fetch(`${web.url}/api/live/nope`, { headers: { cookie } });
    expect(response.status).toBe(404);
  });
});

describe.runIf(chromiumAvailable())('the live page in a browser', () => {
  it('shows the feed\'s state: green, orange when the logger pauses, red when the server goes, green again', async () => {
    const session = await launchBrowser();
    try {
      const [name, ...value] = cookie.split('=');
      await session.browser.addCookies([{ name: name!, value: value.join('='), url: web.url }]);
      const page = await session.browser.newPage();
      await page.goto(`${web.url}/live/van1?staleAfter=3`);
      const dot = page.getByTestId('live-status');
      const state = () => dot.getAttribute('data-state');
      await expect.poll(state, { timeout: 20_000 }).toBe('receiving');
      await expect.poll(() => page.locator('[data-chart]').count()).toBe(6);

      sim.control({ paused: true });
      await expect.poll(state, { timeout: 20_000 }).toBe('stale');
      expect(await dot.textContent()).toMatch(/Connected, no record for \d+ s/);
      sim.control({ paused: false });
      await expect.poll(state, { timeout: 20_000 }).toBe('receiving');
      await expect.poll(() => page.getByTestId('status-card').locator('[data-metric="gaps"] dd').textContent(), { timeout: 20_000 })
        .toMatch(/^1 \(1 not filled\)$/);

      await web.stop();
      await expect.poll(state, { timeout: 20_000 }).toBe('lost');
      await web.start();
      await expect.poll(state, { timeout: 30_000 }).toBe('receiving');

      // Nothing was missed across the drop: the page holds every record the journal has.
      const view = page.locator('[data-record-count]');
      await expect.poll(async () => Number(await view.getAttribute('data-record-count')), { timeout: 20_000 })
        .toBeGreaterThanOrEqual((await journalIds()).length);
      await page.screenshot({ path: screenshotPath('live'), fullPage: true });
    } finally {
      await session.close();
    }
  });
});
