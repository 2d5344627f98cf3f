// The signed-in user in the top bar: the areas their role opens, and sign-out.
import Link from 'next/link';
import { signOutAction } from '@/app/(auth)/actions';
import { roleAllows } from '@/lib/auth/roles';
import { getCurrentUser } from '@/lib/auth/session';

export async function UserMenu() {
  const user = await getCurrentUser();
  if (!user) return null;
  return (
    <nav className="user-menu" aria-label="Account">
      <Link href="/">Overview</Link>
      <Link href="/docs/api">API</Link>
      {roleAllows(user.role, 'operator') ? (
        <>
          <Link href="/ops">Operations</Link>
          <Link href="/ops/alerts">Alerts</Link>
          <Link href="/ops/mirrors">Mirrors</Link>
          <Link href="/ops/audit">Audit log</Link>
        </>
      ) : null}
      {roleAllows(user.role, 'admin') ? <><Link href="/admin/users">Users</Link><Link href="/admin/tokens">API tokens</Link></> : null}
      <span className="who" data-testid="signed-in-as">{user.email} ({user.role})</span>
      <form action={signOutAction}>
        <button type="submit" className="link">Sign out</button>
      </form>
    </nav>
  );
}
