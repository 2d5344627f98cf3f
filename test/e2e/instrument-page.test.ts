// The instrument page end to end on the production web server and a real database: the series route
// (access, strict parameters, hostile input, downsampled answers with gaps), and the page in headless
// Chromium, whose every control lands in the URL and comes back on reload and back/forward.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { files, jobRuns } from '../../db/schema';
import { createUser } from '../../lib/auth/accounts';
import { createApiToken } from '../../lib/auth/api-tokens';
import { insertGenerated, seedInstrument, type SeededSeries } from '../charts/seed';
import { signInOverHttp, STACK_TRACE } from '../helpers/auth';
import { chromiumAvailable, launchBrowser, screenshotPath } from '../helpers/browser';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { startWebServer, type TestWebServer } from '../helpers/web-server';

const PASSWORD = 'instrument page password';
const H = 3600_000;
const END = Date.parse('2026-11-20T00:00:00Z');
const GAP = { from: END - 10 * H, to: END - 6 * H };

let t: TestDatabase;
let web: TestWebServer;
let viewer: string;
let operator: string;
let partner: string;
let met: SeededSeries;
let otherVar: number;
let scopedToken: string;

beforeAll(async () => {
  t = await createTestDatabase();
  met = await seedInstrument(t.db, { instrumentId: 'met', expectedIntervalSeconds: 60, variables: [
    { name: 'T', unit: 'degC' }, { name: 'Tdew', unit: 'degC' }, { name: 'RH', unit: '%' },
    { name: 'beta', unit: 'm-1 sr-1', shape: 'profile', axis: { name: 'range', unit: 'm', values: Array.from({ length: 50 }, (_, i) => i * 30) } },
  ] });
  const v = met.variableIds;
  // Three days at one value a minute, with a four-hour outage on every variable.
  for (const [name, expr] of [['T', 'sin(i / 120.0) * 8 - 12'], ['Tdew', 'sin(i / 120.0) * 6 - 16'], ['RH', '80 + cos(i / 90.0) * 10']] as const) {
    await insertGenerated(t.db, { streamId: met.streamId, variableId: v[name]! }, END - 72 * H, GAP.from, 60_000, expr);
    await insertGenerated(t.db, { streamId: met.streamId, variableId: v[name]! }, GAP.to, END, 60_000, expr);
  }
  await t.db.execute(sql`
    INSERT INTO profiles (time, stream_id, variable_id, values)
    SELECT to_timestamp(${(END - 24 * H) / 1000}::float8) + make_interval(mins => i * 5), ${met.streamId}::integer, ${v.beta!}::integer,
           ARRAY(SELECT (sin(g / 6.0 + i / 20.0) * 1e-6)::real FROM generate_series(1, 50) AS g)
    FROM generate_series(0, 287) AS i`);
  const other = await seedInstrument(t.db, { instrumentId: 'other', variables: [{ name: 'x', unit: null }] });
  otherVar = other.variableIds.x!;
  await t.db.insert(files).values([
    { instrumentId: 'met', relativePath: '2026/11/19/met_20261119.dat', basename: 'met_20261119.dat', size: 123_456, mtime: new Date(END - 2 * H),
      state: 'appended', rowsAppended: 1440, dataStart: new Date(END - 24 * H), dataEnd: new Date(END - 60_000) },
    { instrumentId: 'met', relativePath: '2026/11/18/met_20261118.dat', basename: 'met_20261118.dat', size: 99, mtime: new Date(END - 30 * H),
      state: 'quarantined', error: 'line 3: expected 4 columns, found 2', late: true },
  ]);
  await t.db.insert(jobRuns).values({ queue: 'source-sync', instrumentId: 'met', day: '2026-11-19', outcome: 'succeeded', finishedAt: new Date() });
  for (const [email, role] of [['viewer@example.org', 'viewer'], ['operator@example.org', 'operator'], ['partner@example.org', 'partner']] as const) {
    await createUser(t.db, { email, role, password: PASSWORD }, { actor: 'system' });
  }
  scopedToken = (await createApiToken(t.db, { name: 'other-only', instruments: ['other'] }, { actor: 'system' })).token;
  web = await startWebServer({ databaseUrl: t.url, env: { AUTH_SECRET: 'a test secret of at least thirty-two characters' } });
  viewer = (await signInOverHttp(web.url, 'viewer@example.org', PASSWORD)).cookie!;
  operator = (await signInOverHttp(web.url, 'operator@example.org', PASSWORD)).cookie!;
  partner = (await signInOverHttp(web.url, 'partner@example.org', PASSWORD)).cookie!;
}, 900_000);

afterAll(async () => {
  await web?.stop();
  await t?.drop();
});

/** Navigations in a production build on a busy machine can take seconds. */
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 30_000, interval: 100 });
const day = (from: number, to: number) => `from=${new Date(from).toISOString()}&to=${new Date(to).toISOString()}`;
const series = (query: string, headers: Record<string, string> = { cookie: viewer }, instrument = 'met') =>
  fetch(`${web.url}/api/instruments/${instrument}/series?${query}`, { headers });

interface SeriesBody {
  series: { name: string; bucketSeconds: number; points: { t: number; mean: number | null; min: number | null; max: number | null }[] }[];
  profiles: { name: string; times: number[]; values: (number | null)[]; axis: { values: number[] } }[];
}

describe('GET /api/instruments/<id>/series', () => {
  it('answers downsampled series with the outage as a break, and a profile grid', async () => {
    const response = await series(`vars=${met.variableIds.T},${met.variableIds.RH},${met.variableIds.beta}&${day(END - 72 * H, END)}`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as SeriesBody;
    expect(body.series.map((s) => s.name)).toEqual(['T', 'RH']);
    for (const s of body.series) {
      expect(s.points.length).toBeLessThanOrEqual(1500);
      const breaks = s.points.filter((p) => p.mean === null);
      expect(breaks).toHaveLength(1);
      expect(breaks[0]!.t).toBeGreaterThanOrEqual(GAP.from - 60_000);
      expect(breaks[0]!.t).toBeLessThan(GAP.to);
    }
    expect(body.profiles).toHaveLength(1);
    expect(body.profiles[0]!.axis.values).toHaveLength(50);
    expect(body.profiles[0]!.values).toHaveLength(body.profiles[0]!.times.length * 50);
  });

  it('honours maxPoints', async () => {
    const body = (await (await series(`vars=${met.variableIds.T}&${day(END - 72 * H, END)}&maxPoints=100`)).json()) as SeriesBody;
    expect(body.series[0]!.points.filter((p) => p.mean !== null).length).toBeLessThanOrEqual(100);
  });

  it('needs a viewer session or a token for the instrument', async () => {
    const query = `vars=${met.variableIds.T}&${day(END - H, END)}`;
    expect((await series(query, {})).status).toBe(401);
    expect((await series(query, { cookie: 'authjs.session-token=forged' })).status).toBe(401);
    expect((await series(query, { cookie: partner })).status).toBe(403);
    expect((await series(query, { authorization: 'Bearer nonsense' })).status).toBe(401);
    // A token scoped to another instrument sees this one as missing.
    expect((await series(query, { authorization: `Bearer ${scopedToken}` })).status).toBe(404);
    expect((await series(`vars=${otherVar}&${day(END - H, END)}`, { authorization: `Bearer ${scopedToken}` }, 'other')).status).toBe(200);
  });

  it.each([
    ['', 'vars: required'],
    [`vars=&${day(END - H, END)}`, 'vars: required'],
    [`vars=1;DROP TABLE observations&${day(END - H, END)}`, 'vars: each id must be a positive integer'],
    [`vars=${'1,'.repeat(200)}1&${day(END - H, END)}`, 'vars: too long'],
    [`vars=1,2,3,4,5,6,7,8,9,10,11,12,13&${day(END - H, END)}`, 'vars: at most 12'],
    ['vars=OTHER&' + day(END - H, END), 'vars: each id'],
    ['vars=T1&from=yesterday&to=2026-11-20T00:00:00Z', 'vars: each id'],
    ['vars=1&from=yesterday&to=2026-11-20T00:00:00Z', 'from: required'],
    ['vars=1&from=2026-11-20T00:00:00Z', 'to: required'],
    ['vars=1&from=2026-11-20T00:00:00Z&to=2026-11-19T00:00:00Z', 'to: must be after from'],
    ['vars=1&from=1971-01-01T00:00:00Z&to=2199-01-01T00:00:00Z', 'to: the range may span at most'],
    ['vars=1&from=99999-01-01T00:00:00Z&to=2026-11-19T00:00:00Z', 'from: required'],
    [`vars=1&${day(END - H, END)}&method=fft`, 'method: envelope or lttb'],
    [`vars=1&${day(END - H, END)}&maxPoints=1000000`, 'maxPoints: an integer'],
    [`vars=1&${day(END - H, END)}&maxPoints=-5`, 'maxPoints: an integer'],
    [`vars=1&vars=2&${day(END - H, END)}`, 'vars: given more than once'],
    [`vars=1&${day(END - H, END)}&%3Cscript%3E=1`, '<script>: unknown parameter'],
  ])('refuses %s with 400 naming the parameter', async (query, message) => {
    const response = await series(query);
    expect(response.status).toBe(400);
    const text = await response.text();
    expect((JSON.parse(text) as { error: string }).error).toContain(message);
    expect(text).not.toMatch(STACK_TRACE);
  });

  it('refuses a variable of another instrument, and answers 404 for unknown or hostile instrument ids', async () => {
    const foreign = await series(`vars=${otherVar}&${day(END - H, END)}`);
    expect(foreign.status).toBe(400);
    expect(((await foreign.json()) as { error: string }).error).toBe(`vars: ${otherVar} is not a variable of met`);
    for (const id of ['nope', "met'--", encodeURIComponent('met; DROP TABLE files'), 'x'.repeat(300), '%00']) {
      const response = await series(`vars=1&${day(END - H, END)}`, { cookie: viewer }, id);
      expect(response.status).toBe(404);
    }
  });
});

describe('the instrument page over HTTP', () => {
  it('redirects to sign-in without a session, keeping the view in the return address', async () => {
    const response = await fetch(`${web.url}/instruments/met?tab=files&page=2`, { redirect: 'manual' });
    expect([302, 303, 307]).toContain(response.status);
    expect(decodeURIComponent(response.headers.get('location') ?? '')).toContain('/instruments/met?tab=files&page=2');
  });

  it('answers 404 for an unknown instrument and survives nonsense parameters', async () => {
    expect((await fetch(`${web.url}/instruments/nope`, { headers: { cookie: viewer } })).status).toBe(404);
    const response = await fetch(`${web.url}/instruments/met?tab=%3Cb%3E&vars=abc&from=x&to=y&zoom=~&day=2026-02-31&page=-1&range=1y`, { headers: { cookie: viewer } });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('data-tab="timeseries"');
  });
});

describe.runIf(chromiumAvailable())('the instrument page in a browser', () => {
  it('mirrors every control in the URL and restores it on reload and back/forward', async () => {
    const session = await launchBrowser();
    try {
      const [name, ...value] = viewer.split('=');
      await session.browser.addCookies([{ name: name!, value: value.join('='), url: web.url }]);
      const page = await session.browser.newPage();
      await page.setViewportSize({ width: 1280, height: 1000 });
      const search = () => new URL(page.url()).searchParams;
      const windowOf = async () => {
        const el = page.getByTestId('chart-window');
        return [Number(await el.getAttribute('data-from')), Number(await el.getAttribute('data-to'))];
      };

      await page.goto(`${web.url}/instruments/met`);
      await page.waitForLoadState('networkidle');
      await poll(() => page.locator('[data-variable="T"]').count()).toBe(1);
      // The default view: the newest 24 hours, which include the outage, drawn as one break.
      expect(await windowOf()).toEqual([END - 24 * H, END]);
      expect(await page.locator('[data-variable="T"]').getAttribute('data-breaks')).toBe('1');

      // Variables: RH (another unit) gets its own chart; Tdew shares T's.
      await page.getByLabel('RH', { exact: true }).click();
      await poll(() => search().get('vars')).toBe(`${met.variableIds.T},${met.variableIds.RH}`);
      await poll(() => page.locator('figure[data-chart]').count()).toBe(2);
      await page.getByLabel('Tdew', { exact: true }).click();
      await poll(() => search().get('vars')).toBe(`${met.variableIds.T},${met.variableIds.RH},${met.variableIds.Tdew}`);
      await poll(() => page.locator('figure[data-chart="degC"] [data-variable]').count()).toBe(2);

      // Range preset.
      await page.getByRole('group', { name: 'Range' }).getByRole('link', { name: '7d' }).click();
      await poll(() => search().get('range')).toBe('7d');
      await poll(windowOf).toEqual([END - 7 * 24 * H, END]);
      const unzoomed = page.url();

      // Drag-to-zoom across the middle of the first chart.
      const plot = page.getByTestId('chart-plot').first();
      const box = (await plot.boundingBox())!;
      await page.mouse.move(box.x + box.width * 0.55, box.y + box.height / 2);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width * 0.7, box.y + box.height / 2, { steps: 6 });
      await page.mouse.move(box.x + box.width * 0.8, box.y + box.height / 2, { steps: 6 });
      await page.mouse.up();
      await poll(() => search().get('zoom')).toMatch(/^\d{4}-.*Z~\d{4}-.*Z$/);
      const [zoomFrom, zoomTo] = search().get('zoom')!.split('~').map((s) => Date.parse(s));
      await poll(windowOf).toEqual([zoomFrom, zoomTo]);
      expect(zoomFrom!).toBeGreaterThan(END - 7 * 24 * H);
      expect(zoomTo!).toBeLessThanOrEqual(END);
      const zoomed = page.url();
      await page.screenshot({ path: screenshotPath('instrument-timeseries'), fullPage: true });

      // Another tab keeps the rest of the view in the URL.
      await page.getByRole('link', { name: 'Files' }).click();
      await poll(() => search().get('tab')).toBe('files');
      await poll(() => page.getByTestId('ledger').locator('tr[data-state="quarantined"]').count()).toBe(1);
      expect(await page.getByTestId('reason').first().textContent()).toContain('expected 4 columns');
      const filesUrl = page.url();
      expect(search().get('zoom')).toBe(new URL(zoomed).searchParams.get('zoom'));
      await page.screenshot({ path: screenshotPath('instrument-files'), fullPage: true });

      // Reload: the same view.
      await page.reload();
      expect(page.url()).toBe(filesUrl);
      await poll(() => page.getByTestId('ledger').locator('tr').count()).toBe(3);

      // Back: the zoomed chart; back again: the 7-day view; forward: zoomed again.
      await page.goBack();
      await poll(() => page.url()).toBe(zoomed);
      await poll(windowOf).toEqual([zoomFrom, zoomTo]);
      await poll(() => page.locator('figure[data-chart]').count()).toBe(2);
      await page.goBack();
      await poll(() => page.url()).toBe(unzoomed);
      await poll(windowOf).toEqual([END - 7 * 24 * H, END]);
      await page.goForward();
      await poll(windowOf).toEqual([zoomFrom, zoomTo]);

      // A copied link in a fresh tab shows the same view.
      const copy = await session.browser.newPage();
      await copy.goto(zoomed);
      const copyWindow = copy.getByTestId('chart-window');
      expect([Number(await copyWindow.getAttribute('data-from')), Number(await copyWindow.getAttribute('data-to'))]).toEqual([zoomFrom, zoomTo]);
      expect(await copy.getByLabel('RH', { exact: true }).isChecked()).toBe(true);
      await copy.close();

      // The profile as a time-height image.
      await page.goto(`${web.url}/instruments/met?vars=${met.variableIds.beta}`);
      await poll(() => page.locator('figure[data-profile="beta"]').getAttribute('data-rows')).toBe('50');
      await page.screenshot({ path: screenshotPath('instrument-profile'), fullPage: true });

      // A preset follows the newest data; pinning it puts its end in the URL.
      await page.getByRole('link', { name: 'pin this window' }).click();
      await poll(() => search().get('end')).toMatch(/^\d{4}-.*Z$/);
      expect(Date.parse(search().get('end')!)).toBe(await windowOf().then(([, to]) => to));
    } finally {
      await session.close();
    }
  });

  it('lets an operator re-run a day\'s stage from the pipeline grid (queued and audited); a viewer sees no button', async () => {
    const session = await launchBrowser();
    try {
      const page = await session.browser.newPage();
      const [vName, ...vValue] = viewer.split('=');
      await session.browser.addCookies([{ name: vName!, value: vValue.join('='), url: web.url }]);
      await page.goto(`${web.url}/instruments/met?tab=pipeline&day=2026-11-19`);
      const row = page.getByTestId('pipeline-grid').locator('tr[data-day="2026-11-19"]');
      await poll(() => row.locator('td[data-stage="sync"]').getAttribute('data-state')).toBe('ok');
      expect(await row.locator('td[data-stage="append"]').getAttribute('data-state')).toBe('ok');
      expect(await page.getByTestId('pipeline-grid').locator('tr[data-day="2026-11-18"] td[data-stage="append"]').getAttribute('data-state')).toBe('failed');
      // No sync run recorded for the 18th (scheduled syncs have no day): its fetched file stands for it.
      expect(await page.getByTestId('pipeline-grid').locator('tr[data-day="2026-11-18"] td[data-stage="sync"]').getAttribute('data-state')).toBe('ok');
      expect(await page.getByTestId('pipeline-grid').locator('tr[data-day="2026-11-17"] td[data-stage="sync"]').getAttribute('data-state')).toBe('none');
      expect(await page.getByRole('button', { name: /Re-run/ }).count()).toBe(0);

      await session.browser.clearCookies();
      const [oName, ...oValue] = operator.split('=');
      await session.browser.addCookies([{ name: oName!, value: oValue.join('='), url: web.url }]);
      await page.reload();
      await page.waitForFunction(() => document.readyState === 'complete');
      await page.getByRole('button', { name: 'Re-run append for 2026-11-18' }).click();
      await poll(() => page.getByRole('status').first().textContent()).toBe('queued 1 append job for 2026-11-18');
      await page.screenshot({ path: screenshotPath('instrument-pipeline'), fullPage: true });
      const jobs = await t.db.execute<{ data: { fileId: number } }>(sql`SELECT data FROM pgboss.job WHERE name = 'append'`);
      expect(jobs.rows).toHaveLength(1);
      const audit = await t.db.execute<{ actor: string; target: string }>(sql`SELECT actor, target FROM audit_log WHERE action = 'pipeline.rerun'`);
      expect(audit.rows).toEqual([{ actor: 'operator@example.org', target: 'met/2026-11-18/append' }]);
    } finally {
      await session.close();
    }
  });
});
