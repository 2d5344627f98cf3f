// The overview in headless Chromium against the production server: instruments seeded through config sync
// with data of chosen ages, so every health state shows, with completeness, gaps, key values, quicklook
// thumbnails and links to the instrument and live pages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncConfigToDatabase } from '../../db/queries/config-sync';
import { createUser } from '../../lib/auth/accounts';
import { configSchema } from '../../lib/config/schema';
import { signInInBrowser } from '../helpers/auth';
import { chromiumAvailable, launchBrowser, screenshotPath } from '../helpers/browser';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { seedQuicklook, seedSeries, setPaused } from '../helpers/overview-data';
import { startWebServer, type TestWebServer } from '../helpers/web-server';

let t: TestDatabase;
let web: TestWebServer;
const MIN = 60_000;

const config = configSchema.parse({
  campaign: { name: 'overview e2e' },
  sites: [{ id: 'ridge', name: 'Ridge' }, { id: 'valley', name: 'Valley' }],
  instruments: [
    { id: 'tower', name: 'Met tower', site: 'ridge', kind: 'campbell-toa5', expectedInterval: '60s', source: { path: '/srv/tower' } },
    { id: 'mast', name: 'Flux mast <img src=x onerror=alert(1)>', site: 'ridge', kind: 'campbell-toa5', expectedInterval: '60s', source: { path: '/srv/mast' } },
    { id: 'buoy', name: 'Lake buoy', site: 'valley', kind: 'campbell-toa5', expectedInterval: '60s', source: { path: '/srv/buoy' } },
    { id: 'sodar', name: 'Sodar', site: 'valley', kind: 'campbell-toa5', expectedInterval: '60s', source: { path: '/srv/sodar' } },
    { id: 'van1', name: 'Vehicle logger', site: 'valley', kind: 'campbell-dataquery', expectedInterval: '1s',
      logger: { url: 'http://127.0.0.1:9', table: 'Public' } },
  ],
});

beforeAll(async () => {
  t = await createTestDatabase();
  await syncConfigToDatabase(t.db, config);
  // The server first (it may have to build): the ages below count from when the page is opened.
  web = await startWebServer({ databaseUrl: t.url });
  // Whole minutes, so the records fall on the cadence's grid and the newest is a few seconds old.
  const now = Math.floor(Date.now() / MIN) * MIN;
  const vars = [{ name: 'AirTC', unit: 'degC' }, { name: 'RH', unit: '%' }];
  // tower: up, 3 h of 1-min records with a 10-minute hole an hour ago (a gap, unless that was before midnight).
  await seedSeries(t.db, { instrumentId: 'tower', variables: vars, fromMs: now - 3 * 3600_000, toMs: now, stepSeconds: 60,
    holes: [[now - 70 * MIN, now - 60 * MIN]] });
  await seedSeries(t.db, { instrumentId: 'mast', variables: vars, fromMs: now - 3600_000, toMs: now - 5 * MIN, stepSeconds: 60 }); // late
  await seedSeries(t.db, { instrumentId: 'buoy', variables: vars, fromMs: now - 5 * 3600_000, toMs: now - 3 * 3600_000, stepSeconds: 60 }); // down
  await seedSeries(t.db, { instrumentId: 'van1', variables: [{ name: 'Speed', unit: 'km/h' }], fromMs: now - 3600_000, toMs: now - 30 * MIN, stepSeconds: 1 });
  await setPaused(t.db, 'van1', true); // paused; sodar has nothing: new
  await seedQuicklook(t.db, 'tower', new Date(now).toISOString().slice(0, 10), 'timeseries', 'products/quicklooks/tower/tower_today_timeseries.png');
  await createUser(t.db, { email: 'viewer@example.org', role: 'viewer', password: 'viewer password 1' }, { actor: 'system' });
}, 300_000);

afterAll(async () => {
  await web?.stop();
  await t?.drop();
});

describe.runIf(chromiumAvailable())('overview page in a browser', () => {
  it('shows all five feed states with completeness, gaps, key values, quicklooks and links', async () => {
    const session = await launchBrowser();
    try {
      const page = await session.browser.newPage();
      await signInInBrowser(page, web.url, 'viewer@example.org', 'viewer password 1');
      await expect.poll(() => page.locator('tr[data-instrument]').count()).toBe(5);
      expect(await page.locator('section.site h2').allTextContents()).toEqual(['Ridge', 'Valley']);
      const stateOf = (id: string) => page.locator(`tr[data-instrument="${id}"] td [data-state]`).getAttribute('data-state');
      expect({ tower: await stateOf('tower'), mast: await stateOf('mast'), buoy: await stateOf('buoy'), van1: await stateOf('van1'),
        sodar: await stateOf('sodar') }).toEqual({ tower: 'up', mast: 'late', buoy: 'down', van1: 'paused', sodar: 'new' });
      // Colour and text, never colour alone.
      expect(await page.locator('tr[data-instrument="buoy"] td [data-state]').textContent()).toBe('down');

      const tower = page.locator('tr[data-instrument="tower"]');
      // 171 of 1440 minutes in the last 24 h (3 h minus the 10-minute hole, plus the record at now).
      expect(await tower.locator('[data-field="completeness"]').textContent()).toBe(`${((100 * 171) / 1440).toFixed(1)} %`);
      expect(Number(await tower.locator('[data-field="gaps"]').textContent())).toBeLessThanOrEqual(1);
      expect(await page.locator('tr[data-instrument="sodar"] [data-field="completeness"]').textContent()).toBe('—');
      expect(await tower.locator('[data-variable="AirTC"]').textContent()).toMatch(/^AirTC -?\d+(\.\d+)? degC$/);
      expect(await tower.locator('[data-variable="RH"]').textContent()).toMatch(/ %$/);
      const thumb = tower.locator('img');
      // Versioned by when it was drawn, so the browser may keep it (app/products/[...path]/route.ts).
      expect(await thumb.getAttribute('src')).toMatch(/^\/products\/quicklooks\/tower\/tower_today_timeseries\.png\?v=\d+$/);
      expect(await thumb.getAttribute('loading')).toBe('lazy');
      expect(await page.locator('tr[data-instrument="mast"]').textContent()).toContain('none yet');
      // A name from the config is text, never markup.
      expect(await page.locator('tr[data-instrument="mast"] a').first().textContent()).toBe('Flux mast <img src=x onerror=alert(1)>');
      expect(await page.locator('tr[data-instrument="mast"] img').count()).toBe(0);

      expect(await tower.getByRole('link', { name: 'Met tower', exact: true }).getAttribute('href')).toBe('/instruments/tower');
      expect(await page.locator('tr[data-instrument="van1"]').getByRole('link', { name: 'live', exact: true }).getAttribute('href')).toBe('/live/van1');
      expect(await tower.getByRole('link', { name: 'live', exact: true }).count()).toBe(0);
      expect(await page.locator('[data-count-state]').evaluateAll((els) => els.map((e) => e.getAttribute('data-count-state'))))
        .toEqual(['down', 'late', 'up', 'new', 'paused']);
      await page.screenshot({ path: screenshotPath('overview-states'), fullPage: true });
    } finally {
      await session.close();
    }
  });
});
