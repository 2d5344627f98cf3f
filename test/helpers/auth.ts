// Signing in over plain HTTP, the way a browser does it through next-auth's endpoints: fetch a CSRF token,
// post the credentials, keep the session cookie. For HTTP tests that need a signed-in user.
export interface HttpSignIn {
  status: number;
  location: string | null;
  /** `authjs.session-token=…` when the sign-in succeeded, else null. */
  cookie: string | null;
  setCookies: string[];
}

export async function signInOverHttp(baseUrl: string, email: string, password: string): Promise<HttpSignIn> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookie = cookiePairs(csrf.headers.getSetCookie()).join('; ');
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrfCookie },
    body: new URLSearchParams({ email, password, csrfToken, callbackUrl: `${baseUrl}/` }),
  });
  const setCookies = response.headers.getSetCookie();
  const session = cookiePairs(setCookies).find((c) => /^authjs\.session-token=./.test(c)) ?? null;
  return { status: response.status, location: response.headers.get('location'), cookie: session, setCookies };
}

/** `name=value` of each Set-Cookie header (attributes dropped). */
export function cookiePairs(setCookies: string[]): string[] {
  return setCookies.map((c) => c.split(';')[0]!.trim());
}

export const STACK_TRACE = /\n\s+at\s|\.tsx?:\d+:\d+|node_modules/;

/** Signs in through the sign-in page as a person would, starting from `path` (which redirects there). */
export async function signInInBrowser(page: import('playwright-core').Page, baseUrl: string, email: string, password: string, path = '/'): Promise<void> {
  await page.goto(`${baseUrl}${path}`);
  await page.waitForURL(/\/signin/);
  await hydrated(page);
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname === path);
  await hydrated(page);
}

/**
 * Waits until the page's scripts have loaded, so forms run through React (useActionState) rather than as
 * plain no-JS posts, which matters on a busy machine where a click can beat hydration.
 */
export async function hydrated(page: import('playwright-core').Page): Promise<void> {
  await page.waitForLoadState('networkidle');
}
