// An operator opens /ops/mirrors, sees the file a real verification found missing on the archive, presses
// "Sync now"; the queued job is taken from pg-boss and run with the real sync and verify (as a worker
// would), and after a reload the file is gone from the list and the audit is ok.
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mirrorHops } from '../../lib/mirrors/hops';
import { syncMirror } from '../../lib/mirrors/sync';
import { queues } from '../../workers/queues';
import { signInInBrowser } from '../helpers/auth';
import { chromiumAvailable, launchBrowser, screenshotPath } from '../helpers/browser';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { LOST, mirrorPageCampaign, PASSWORD, type MirrorPageCampaign } from '../helpers/mirror-pages';
import { startWebServer, type TestWebServer } from '../helpers/web-server';

let t: TestDatabase;
let c: MirrorPageCampaign;
let web: TestWebServer;

beforeAll(async () => {
  t = await createTestDatabase();
  c = await mirrorPageCampaign(t);
  await c.verify();
  web = await startWebServer({ databaseUrl: t.url, env: { AUTH_SECRET: crypto.randomBytes(32).toString('base64url') } });
}, 600_000);
afterAll(async () => {
  await web?.stop();
  await c?.cleanup();
  await t?.drop();
});

describe.runIf(chromiumAvailable())('mirrors page in a browser', () => {
  it('shows a missing file, and after sync now and a verify it is gone', async () => {
    const session = await launchBrowser();
    try {
      const page = await session.browser.newPage();
      await signInInBrowser(page, web.url, 'operator@example.org', PASSWORD, '/ops/mirrors');
      const hop = page.locator('section[data-mirror="archive"]');
      await expect.poll(() => hop.locator('tr[data-status="missing_on_target"]').allTextContents()).toEqual(
        expect.arrayContaining([expect.stringContaining(LOST)]));
      expect(await hop.locator('[data-outcome]').textContent()).toBe('missing');
      expect(await hop.locator('td[data-instrument="cl61"][data-expected="3"]').getAttribute('title')).toMatch(/: 2\/3 files$/);
      await page.screenshot({ path: screenshotPath('mirrors-missing'), fullPage: true });

      await hop.getByRole('button', { name: 'Sync now' }).click();
      await expect.poll(() => page.getByRole('status').textContent()).toContain('A sync of archive is queued');

      // The worker's part: take the job the button queued and run the real sync, then a verification.
      const [job] = await c.boss.fetch<{ mirrorId: string }>(queues.mirrorSync.name);
      expect(job?.data).toEqual({ mirrorId: 'archive' });
      const hopConfig = mirrorHops(c.config, c.dataDir, job!.data.mirrorId)[0]!;
      expect((await syncMirror({ db: t.db, hop: hopConfig })).copiedNew).toBe(2);
      await c.boss.complete(queues.mirrorSync.name, job!.id);
      await c.verify();

      await page.reload();
      await expect.poll(() => hop.locator('[data-outcome]').textContent()).toBe('ok');
      expect(await hop.locator('tr[data-status]').count()).toBe(0);
      expect(await page.content()).not.toContain(LOST);
      expect(await hop.locator('td[data-instrument="cl61"][data-expected="3"]').getAttribute('data-present')).toBe('3');
      // The history: the first audit's two missing files in red, the clean one after the sync as a green mark.
      expect(await hop.locator('svg rect[fill="#dc2626"]').count()).toBe(1);
      expect(await hop.locator('svg rect[fill="#16a34a"]').count()).toBe(1);
      await page.screenshot({ path: screenshotPath('mirrors-synced'), fullPage: true });
    } finally {
      await session.close();
    }
  });
});
