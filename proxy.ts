// Early redirect only: a page request without any session cookie goes straight to the sign-in page. This
// is not the access check (a cookie may be forged, expired or belong to a disabled user); every page,
// server action and route handler checks the session and role itself (lib/auth/session.ts).
import { type NextRequest, NextResponse } from 'next/server';

const SESSION_COOKIE = /^(__Secure-)?authjs\.session-token(\.\d+)?$/;

export function proxy(request: NextRequest): NextResponse {
  if (request.cookies.getAll().some((c) => SESSION_COOKIE.test(c.name))) return NextResponse.next();
  const url = request.nextUrl.clone();
  const returnTo = `${request.nextUrl.pathname}${request.nextUrl.search}`;
  url.pathname = '/signin';
  url.search = returnTo === '/' ? '' : `?callbackUrl=${encodeURIComponent(returnTo)}`;
  return NextResponse.redirect(url);
}

export const config = {
  // Pages only: API routes answer 401 themselves; the sign-in page, the public API docs and static files need no session.
  matcher: ['/((?!api/|_next/|signin|docs/api|favicon\\.ico|robots\\.txt|.*\\.(?:png|jpg|svg|ico|css|js)$).*)'],
};
