// Cross-site request protection for state-changing requests authenticated by the session cookie (the
// cookie is SameSite=Lax already; this is the second fence). Next.js checks Origin for server actions but
// lets a request without one through; we do not: every browser sends Origin with a POST.
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isSameOriginRequest(method: string, headers: Headers): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return true;
  const site = headers.get('sec-fetch-site');
  if (site && site !== 'same-origin') return false;
  const origin = headers.get('origin');
  if (!origin || origin === 'null') return false;
  // Next.js sets x-forwarded-host from Host when no proxy did; a proxy's value wins, as for server actions.
  const host = (headers.get('x-forwarded-host') ?? headers.get('host'))?.split(',')[0]?.trim();
  if (!host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
