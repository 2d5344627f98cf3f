// Single sign-on through an OpenID Connect provider configured by AUTH_OIDC_*: a user an admin added (no
// password) signs in with it; someone the provider knows but the portal does not is turned away.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEntries } from '../../db/queries/audit-log';
import { syncConfigToDatabase } from '../../db/queries/config-sync';
import { createUser } from '../../lib/auth/accounts';
import { demoConfig } from '../../lib/config/demo';
import { hydrated } from '../helpers/auth';
import { chromiumAvailable, launchBrowser, screenshotPath } from '../helpers/browser';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { type FakeOidc, startFakeOidc } from '../helpers/fake-oidc';
import { startWebServer, type TestWebServer } from '../helpers/web-server';

let t: TestDatabase;
let web: TestWebServer;
let idp: FakeOidc;

beforeAll(async () => {
  t = await createTestDatabase();
  await syncConfigToDatabase(t.db, demoConfig('/srv/demo'));
  await createUser(t.db, { email: 'sso@example.org', role: 'viewer', noPassword: true }, { actor: 'system' });
  idp = await startFakeOidc();
  web = await startWebServer({ databaseUrl: t.url, env: { AUTH_OIDC_ISSUER: idp.issuer, AUTH_OIDC_ID: idp.clientId,
    AUTH_OIDC_SECRET: idp.clientSecret, AUTH_OIDC_NAME: 'Test IdP' } });
}, 300_000);

afterAll(async () => {
  await web?.stop();
  await idp?.close();
  await t?.drop();
});

describe.runIf(chromiumAvailable())('OpenID Connect sign-in', () => {
  it('admits a user the portal knows, by verified email, and refuses one it does not', async () => {
    const session = await launchBrowser();
    try {
      const page = await session.browser.newPage();
      idp.signInAs({ email: 'stranger@example.org' });
      await page.goto(`${web.url}/signin`);
      await hydrated(page);
      await page.getByRole('button', { name: 'Sign in with Test IdP' }).click();
      await page.waitForURL(/\/signin\?.*error=AccessDenied/);
      expect(await page.locator('form p.error').textContent()).toMatch(/may not sign in here/);

      idp.signInAs({ email: 'SSO@example.org' });
      await page.getByRole('button', { name: 'Sign in with Test IdP' }).click();
      await page.waitForURL((url) => url.pathname === '/');
      await expect.poll(() => page.locator('tr[data-instrument]').count()).toBe(5);
      expect(await page.getByTestId('signed-in-as').textContent()).toBe('sso@example.org (viewer)');
      await page.screenshot({ path: screenshotPath('oidc-home') });

      const entries = (await listAuditEntries(t.db, { action: 'auth' })).map((e) => [e.action, e.actor, e.details.provider, e.address]).reverse();
      expect(entries).toEqual([['auth.signin_failed', 'stranger@example.org', 'oidc', '127.0.0.1'], ['auth.signin', 'sso@example.org', 'oidc', '127.0.0.1']]);
    } finally {
      await session.close();
    }
  });
});
