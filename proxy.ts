// Runs before every page request. Two jobs:
// - A page request without any session cookie goes straight to the sign-in page. For ordinary pages this is
//   only an early redirect, not the access check: every page, server action and route handler checks the
//   session and role itself (lib/auth/session.ts).
// - Pages served from Next's page cache (CACHED_PAGES: the overview) render once for everybody, without a
//   request, so they cannot check who asks. Here the proxy IS the access check: a viewer-or-better session
//   is rewritten to the cached rendering; anyone else falls through to the dynamic page at the same path,
//   which answers with the sign-in redirect or a 403 as every page does. The cached rendering's own path is
//   never served directly.
import { type NextRequest, NextResponse } from 'next/server';
import { userFromSessionCookie } from './lib/auth/proxy-session';
import { roleAllows } from './lib/auth/roles';

const SESSION_COOKIE = /^(__Secure-)?authjs\.session-token(\.\d+)?$/;

/** Public path → the path of its cached rendering (app/overview/[scope]/page.tsx). */
const CACHED_PAGES: Record<string, string> = { '/': '/overview/all' };
const CACHED_RENDERINGS = '/overview/';

export async function proxy(request: NextRequest): Promise<NextResponse> {
  const { pathname } = request.nextUrl;
  if (!request.cookies.getAll().some((c) => SESSION_COOKIE.test(c.name))) return redirectToSignIn(request);

  const cached = CACHED_PAGES[pathname];
  const rendering = pathname.startsWith(CACHED_RENDERINGS);
  if (!cached && !rendering) return NextResponse.next();
  // A request straight for the cached rendering's path gets the same check (a rewrite does not come back
  // through here); failing it, it gets whatever the dynamic `/` answers that visitor.
  const user = await userFromSessionCookie(request.headers.get('cookie'));
  const allowed = user !== null && roleAllows(user.role, 'viewer');
  if (rendering) return allowed ? privately(NextResponse.next()) : rewriteTo(request, '/');
  if (!allowed) return NextResponse.next();
  return privately(rewriteTo(request, cached!));
}

function rewriteTo(request: NextRequest, pathname: string): NextResponse {
  const url = request.nextUrl.clone();
  url.pathname = pathname;
  return NextResponse.rewrite(url);
}

/** Cached for everybody here, but only for those who pass the check: no shared cache on the way may keep it. */
function privately(response: NextResponse): NextResponse {
  response.headers.set('cache-control', 'private, no-cache');
  return response;
}

function redirectToSignIn(request: NextRequest): NextResponse {
  const returnTo = `${request.nextUrl.pathname}${request.nextUrl.search}`;
  return redirectTo(request, '/signin', returnTo === '/' ? '' : `?callbackUrl=${encodeURIComponent(returnTo)}`);
}

function redirectTo(request: NextRequest, pathname: string, search = ''): NextResponse {
  const url = request.nextUrl.clone();
  url.pathname = pathname;
  url.search = search;
  return NextResponse.redirect(url);
}

export const config = {
  // Pages only: API routes answer 401 themselves; the sign-in page, the public API docs and static files need no session.
  matcher: ['/((?!api/|_next/|signin|docs/api|favicon\\.ico|robots\\.txt|.*\\.(?:png|jpg|svg|ico|css|js)$).*)'],
};
