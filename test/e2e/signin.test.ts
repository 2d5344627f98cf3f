// In a real browser: sign in, see the home page, sign out; a wrong password is refused on the page; an
// admin creates a partner token on /admin/tokens, sees it once, and it works on the API until revoked; an
// admin adds a user on /admin/users, who signs in with the generated password until disabled.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEntries } from '../../db/queries/audit-log';
import { syncConfigToDatabase } from '../../db/queries/config-sync';
import { createUser } from '../../lib/auth/accounts';
import { demoConfig } from '../../lib/config/demo';
import { hydrated, signInInBrowser } from '../helpers/auth';
import { chromiumAvailable, launchBrowser, screenshotPath } from '../helpers/browser';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { startWebServer, type TestWebServer } from '../helpers/web-server';

let t: TestDatabase;
let web: TestWebServer;
const ADMIN = { email: 'admin@example.org', password: 'admin password 1' };

beforeAll(async () => {
  t = await createTestDatabase();
  await syncConfigToDatabase(t.db, demoConfig('/srv/demo'));
  await createUser(t.db, { ...ADMIN, role: 'admin' }, { actor: 'system' });
  web = await startWebServer({ databaseUrl: t.url });
}, 300_000);

afterAll(async () => {
  await web?.stop();
  await t?.drop();
});

describe.runIf(chromiumAvailable())('signing in and out in a browser', () => {
  it('refuses a wrong password, signs in, shows the home page, signs out', async () => {
    const session = await launchBrowser();
    try {
      const page = await session.browser.newPage();
      await page.goto(web.url);
      await page.waitForURL(/\/signin/);
      await hydrated(page);
      await page.getByLabel('Email', { exact: true }).fill(ADMIN.email);
      await page.getByLabel('Password', { exact: true }).fill('not my password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect.poll(() => page.locator('form p.error').textContent()).toBe('Wrong email or password.');
      await page.screenshot({ path: screenshotPath('signin-refused') });

      await signInInBrowser(page, web.url, ADMIN.email, ADMIN.password);
      await expect.poll(() => page.locator('tr[data-instrument]').count()).toBe(5);
      expect(await page.getByTestId('signed-in-as').textContent()).toBe('admin@example.org (admin)');
      await page.screenshot({ path: screenshotPath('signed-in-home'), fullPage: true });

      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL(/\/signin$/);
      await page.goto(web.url);
      await page.waitForURL(/\/signin/);
      expect((await session.browser.cookies()).some((c) => c.name.includes('session-token'))).toBe(false);

      const actions = (await listAuditEntries(t.db, { action: 'auth' })).map((e) => e.action).reverse();
      expect(actions).toEqual(['auth.signin_failed', 'auth.signin', 'auth.signout']);
    } finally {
      await session.close();
    }
  });

  it('an admin creates a token on the tokens page, sees it once, and revokes it', async () => {
    const session = await launchBrowser();
    try {
      const page = await session.browser.newPage();
      await signInInBrowser(page, web.url, ADMIN.email, ADMIN.password, '/admin/tokens');
      await page.getByLabel('Name', { exact: true }).fill('partner-uni');
      await page.getByLabel('cl61', { exact: true }).check();
      await page.getByRole('button', { name: 'Create token' }).click();
      const secret = page.getByTestId('created-token').locator('.secret');
      await expect.poll(() => secret.count()).toBe(1);
      const token = (await secret.textContent())!;
      expect(token).toMatch(/^fot_[A-Za-z0-9_-]{43}$/);
      await page.screenshot({ path: screenshotPath('token-created'), fullPage: true });

      const api = (path: string) => fetch(`${web.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
      expect(((await (await api('/api/v1/instruments')).json()) as { instruments: { id: string }[] }).instruments.map((i) => i.id)).toEqual(['cl61']);

      await page.reload();
      await hydrated(page);
      expect(await page.content()).not.toContain(token);
      await page.locator('tr[data-token="partner-uni"]').getByRole('button', { name: 'Revoke' }).click();
      await expect.poll(() => page.locator('tr[data-token="partner-uni"] [data-status]').textContent()).toBe('revoked');
      expect((await api('/api/v1/instruments')).status).toBe(401);

      await page.goto(`${web.url}/ops/audit?action=token`);
      expect(await page.locator('tr[data-action]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action'))))
        .toEqual(['token.reject', 'token.revoke', 'token.use', 'token.create']);
      await page.screenshot({ path: screenshotPath('audit-log'), fullPage: true });
      await page.goto(`${web.url}/admin/users`);
      await page.screenshot({ path: screenshotPath('admin-users'), fullPage: true });
    } finally {
      await session.close();
    }
  });

  it('an admin adds a user with a generated password, who signs in with it until disabled', async () => {
    const admin = await launchBrowser();
    const olga = await launchBrowser();
    try {
      const page = await admin.browser.newPage();
      await signInInBrowser(page, web.url, ADMIN.email, ADMIN.password, '/admin/users');
      await page.getByLabel('Email', { exact: true }).fill('olga@example.org');
      await page.locator('form[aria-label="Add a user"] select[name=role]').selectOption('operator');
      await page.getByRole('button', { name: 'Add user' }).click();
      const secret = page.getByTestId('created-user').locator('.secret');
      await expect.poll(() => secret.count()).toBe(1);
      const password = (await secret.textContent())!;

      const olgaPage = await olga.browser.newPage();
      await signInInBrowser(olgaPage, web.url, 'olga@example.org', password);
      // The top bar is drawn in the browser from /api/me: wait for it, then check what it leaves out.
      await expect.poll(() => olgaPage.getByRole('link', { name: 'Audit log' }).count()).toBe(1);
      expect(await olgaPage.getByRole('link', { name: 'Users' }).count()).toBe(0);
      expect((await olgaPage.goto(`${web.url}/admin/users`))!.status()).toBe(403);

      await page.reload();
      await hydrated(page);
      await page.locator('tr[data-user="olga@example.org"]').getByRole('button', { name: 'Disable' }).click();
      await expect.poll(() => page.locator('tr[data-user="olga@example.org"] [data-status]').textContent()).toBe('disabled');
      await olgaPage.goto(`${web.url}/ops/audit`);
      await olgaPage.waitForURL(/\/signin/);
    } finally {
      await admin.close();
      await olga.close();
    }
  });
});
