// The instrument page's downsampling control on the production web server and the run's real database:
// lttb is offered only where the database has timescaledb_toolkit. Without it, the series route and the page
// answer the envelope even when asked for lttb, and the page says why; with it, both draw lttb. Each case
// skips with its reason on the other kind of database. In Chromium the choice lives in the URL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Capabilities, getCapabilities } from '../../db/timeseries/capabilities';
import { createUser } from '../../lib/auth/accounts';
import { insertGenerated, insertValue, seedInstrument, type SeededSeries } from '../charts/seed';
import { signInOverHttp } from '../helpers/auth';
import { chromiumAvailable, launchBrowser, screenshotPath } from '../helpers/browser';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { startWebServer, type TestWebServer } from '../helpers/web-server';

const PASSWORD = 'downsampling viewer password';
const H = 3600_000;
const END = Date.parse('2026-11-20T00:00:00Z');
const SPIKE_AT = END - 3 * H;

let t: TestDatabase;
let web: TestWebServer;
let viewer: string;
let met: SeededSeries;
let caps: Capabilities;

beforeAll(async () => {
  t = await createTestDatabase();
  caps = await getCapabilities(t.db);
  met = await seedInstrument(t.db, { instrumentId: 'met', expectedIntervalSeconds: 60, variables: [{ name: 'T', unit: 'degC' }] });
  const series = { streamId: met.streamId, variableId: met.variableIds.T! };
  // Two days at one value a minute with a four-hour outage, and one spike.
  await insertGenerated(t.db, series, END - 48 * H, END - 10 * H, 60_000, 'sin(i / 120.0) * 8 - 12');
  await insertGenerated(t.db, series, END - 6 * H, END, 60_000, 'sin(i / 120.0) * 8 - 12');
  await insertValue(t.db, series, SPIKE_AT, 40);
  await createUser(t.db, { email: 'viewer@example.org', role: 'viewer', password: PASSWORD }, { actor: 'system' });
  web = await startWebServer({ databaseUrl: t.url, env: { AUTH_SECRET: 'a test secret of at least thirty-two characters' } });
  viewer = (await signInOverHttp(web.url, 'viewer@example.org', PASSWORD)).cookie!;
}, 900_000);

afterAll(async () => {
  await web?.stop();
  await t?.drop();
});

interface SeriesBody {
  series: { name: string; method: string; points: { t: number; mean: number | null; min: number | null; max: number | null }[] }[];
}

const window48h = `from=${new Date(END - 48 * H).toISOString()}&to=${new Date(END).toISOString()}`;

async function lttbSeries(): Promise<SeriesBody['series'][number]> {
  const response = await fetch(`${web.url}/api/instruments/met/series?vars=${met.variableIds.T}&${window48h}&method=lttb`, { headers: { cookie: viewer } });
  expect(response.status).toBe(200);
  return ((await response.json()) as SeriesBody).series[0]!;
}

async function pageHtml(query: string): Promise<string> {
  const response = await fetch(`${web.url}/instruments/met${query}`, { headers: { cookie: viewer } });
  expect(response.status).toBe(200);
  return response.text();
}

/** What the page drew and offered: the control's shown method, the chart legend's, and the texts around them. */
function downsamplingOf(html: string) {
  return {
    control: /data-testid="downsampling" data-method="(\w+)"/.exec(html)?.[1],
    chart: /data-variable="T"[^>]*data-method="(\w+)"/.exec(html)?.[1],
    note: /data-testid="downsampling-note">([^<]*)</.exec(html)?.[1] ?? null,
    unavailable: html.includes('aria-disabled="true" title="lttb needs the TimescaleDB toolkit'),
    lttbLink: /<a [^>]*href="\/instruments\/met\?method=lttb"[^>]*>lttb<\/a>/.test(html),
  };
}

describe('downsampling without timescaledb_toolkit', () => {
  it('answers the envelope for method=lttb, renders it, and says why in the control and one muted line', async (context) => {
    if (caps.toolkit) {
      context.skip(`this database has timescaledb_toolkit ${caps.toolkit}: the toolkit case below covers it`);
      return;
    }
    const series = await lttbSeries();
    expect(series.method).toBe('envelope');
    expect(series.points.filter((p) => p.mean !== null).some((p) => p.min! < p.max!)).toBe(true);

    const asked = await pageHtml('?method=lttb');
    expect(downsamplingOf(asked)).toEqual({ control: 'envelope', chart: 'envelope',
      note: 'lttb needs the TimescaleDB toolkit (timescaledb_toolkit), which this database does not have: showing the min/max envelope and mean.',
      unavailable: true, lttbLink: false });
    expect(asked).toContain('lttb unavailable');
    // The request stays in the URL of every other control, like the rest of the view.
    expect(asked).toContain('href="/instruments/met?range=7d&amp;method=lttb"');

    expect(downsamplingOf(await pageHtml(''))).toEqual({ control: 'envelope', chart: 'envelope', note: null, unavailable: true, lttbLink: false });
  });
});

describe('downsampling with timescaledb_toolkit', () => {
  it('answers and draws the toolkit\'s lttb: real points that keep the spike and the outage', async (context) => {
    if (!caps.toolkit) {
      context.skip('this database has no timescaledb_toolkit (run with DATABASE_URL pointing at TimescaleDB with the toolkit)');
      return;
    }
    const series = await lttbSeries();
    expect(series.method).toBe('lttb');
    const points = series.points.filter((p) => p.mean !== null);
    expect(points.length).toBeLessThanOrEqual(1500);
    expect(points.every((p) => p.min === p.max && p.max === p.mean)).toBe(true);
    expect(points.find((p) => p.mean === 40)?.t).toBe(SPIKE_AT);
    expect(series.points.filter((p) => p.mean === null)).toHaveLength(1);

    expect(downsamplingOf(await pageHtml('?method=lttb'))).toEqual({ control: 'lttb', chart: 'lttb', note: null, unavailable: false, lttbLink: true });
    expect(downsamplingOf(await pageHtml(''))).toEqual({ control: 'envelope', chart: 'envelope', note: null, unavailable: false, lttbLink: true });
  });
});

describe.runIf(chromiumAvailable())('the downsampling control in a browser', () => {
  it('keeps the choice in the URL: a link asking for lttb, the envelope clicked, back again', async () => {
    const shownForLttb = caps.toolkit ? 'lttb' : 'envelope';
    const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 30_000, interval: 100 });
    const session = await launchBrowser();
    try {
      const [name, ...value] = viewer.split('=');
      await session.browser.addCookies([{ name: name!, value: value.join('='), url: web.url }]);
      const page = await session.browser.newPage();
      await page.setViewportSize({ width: 1280, height: 900 });
      const search = () => new URL(page.url()).searchParams;
      const control = page.getByTestId('downsampling');
      const legend = page.locator('[data-variable="T"]');

      await page.goto(`${web.url}/instruments/met?method=lttb`);
      await poll(() => control.getAttribute('data-method')).toBe(shownForLttb);
      expect(await legend.getAttribute('data-method')).toBe(shownForLttb);
      expect(await page.getByTestId('downsampling-note').count()).toBe(caps.toolkit ? 0 : 1);
      await page.screenshot({ path: screenshotPath('instrument-downsampling'), fullPage: true });

      await control.getByRole('link', { name: 'envelope' }).click();
      await poll(() => search().has('method')).toBe(false);
      await poll(() => legend.getAttribute('data-method')).toBe('envelope');
      expect(await page.getByTestId('downsampling-note').count()).toBe(0);

      await page.goBack();
      await poll(() => search().get('method')).toBe('lttb');
      await poll(() => control.getAttribute('data-method')).toBe(shownForLttb);
      await poll(() => page.getByTestId('downsampling-note').count()).toBe(caps.toolkit ? 0 : 1);
    } finally {
      await session.close();
    }
  });
});
