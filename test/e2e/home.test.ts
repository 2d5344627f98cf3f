// A browser opens the home page (signing in first) and sees the campaign's instruments, grouped by site,
// with their states.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncConfigToDatabase } from '../../db/queries/config-sync';
import { createUser } from '../../lib/auth/accounts';
import { demoConfig } from '../../lib/config/demo';
import { signInInBrowser } from '../helpers/auth';
import { chromiumAvailable, launchBrowser, screenshotPath } from '../helpers/browser';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { startWebServer, type TestWebServer } from '../helpers/web-server';

let t: TestDatabase;
let web: TestWebServer;

beforeAll(async () => {
  t = await createTestDatabase();
  await syncConfigToDatabase(t.db, demoConfig('/srv/demo'));
  await createUser(t.db, { email: 'viewer@example.org', role: 'viewer', password: 'viewer password 1' }, { actor: 'system' });
  web = await startWebServer({ databaseUrl: t.url });
}, 300_000);

afterAll(async () => {
  await web?.stop();
  await t?.drop();
});

describe.runIf(chromiumAvailable())('home page in a browser', () => {
  it('lists every instrument by site with its feed state', async () => {
    const session = await launchBrowser();
    try {
      const page = await session.browser.newPage();
      await signInInBrowser(page, web.url, 'viewer@example.org', 'viewer password 1');
      await expect.poll(() => page.locator('tr[data-instrument]').count()).toBe(5);
      expect(await page.locator('section.site h2').allTextContents()).toEqual(['Mobile mesonet (simulated)', 'Summit Station (simulated)']);
      expect(await page.locator('tr[data-instrument="cl61"] [data-state]').getAttribute('data-state')).toBe('new');
      await page.screenshot({ path: screenshotPath('home'), fullPage: true });
    } finally {
      await session.close();
    }
  });
});
