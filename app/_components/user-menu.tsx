'use client';
// The signed-in user in the top bar: the areas their role opens, and sign-out. Drawn in the browser from
// /api/me rather than on the server, so that the root layout reads no cookie and the overview can be served
// from the page cache (app/overview/[scope]/page.tsx). Asked again on every navigation, so a role an admin
// changed shows on the next page; until the first answer the bar holds its place empty.
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect, useState } from 'react';
import { signOutAction } from '@/app/(auth)/actions';
import type { SignedInUser } from '@/app/api/me/route';
import { isUserRole, roleAllows } from '@/lib/auth/roles';

export function UserMenu() {
  const pathname = usePathname();
  const [user, setUser] = useState<SignedInUser | null>(null);

  const onSignInPage = pathname.startsWith('/signin');

  useEffect(() => {
    if (onSignInPage) return;
    const controller = new AbortController();
    fetch('/api/me', { signal: controller.signal, cache: 'no-store' })
      .then(async (response) => setUser(response.ok ? ((await response.json()) as SignedInUser) : null))
      .catch(() => { /* aborted by the next navigation, or offline: keep what is shown */ });
    return () => controller.abort();
  }, [pathname, onSignInPage]);

  if (onSignInPage || !user || !isUserRole(user.role)) return <nav className="user-menu" aria-label="Account" />;
  const role = user.role;
  return (
    <nav className="user-menu" aria-label="Account">
      <Link href="/">Overview</Link>
      <Link href="/docs/api">API</Link>
      {roleAllows(role, 'operator') ? (
        <>
          <Link href="/ops">Operations</Link>
          <Link href="/ops/alerts">Alerts</Link>
          <Link href="/ops/mirrors">Mirrors</Link>
          <Link href="/ops/audit">Audit log</Link>
        </>
      ) : null}
      {roleAllows(role, 'admin') ? <><Link href="/admin/users">Users</Link><Link href="/admin/tokens">API tokens</Link></> : null}
      <span className="who" data-testid="signed-in-as">{user.email} ({role})</span>
      <form action={signOutAction}>
        <button type="submit" className="link">Sign out</button>
      </form>
    </nav>
  );
}
