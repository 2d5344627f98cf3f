// Admin: every user, with their role (changeable) and whether they may sign in.
import type { Metadata } from 'next';
import { getDb } from '@/db/client';
import { listUsers } from '@/db/queries/users';
import { RelativeTime } from '@/app/_components/relative-time';
import { ROLE_DESCRIPTIONS, USER_ROLES } from '@/lib/auth/roles';
import { requireUser } from '@/lib/auth/session';
import { changeRoleAction, setDisabledAction } from './actions';
import { CreateUserForm } from './create-user-form';

export const metadata: Metadata = { title: 'Users' };
export const dynamic = 'force-dynamic';

export default async function UsersPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  const me = await requireUser('admin', '/admin/users');
  const [users, { error }] = await Promise.all([listUsers(getDb()), searchParams]);
  const now = new Date();
  return (
    <>
      <h1>Users</h1>
      <p className="subtitle">{USER_ROLES.map((r) => `${r}: ${ROLE_DESCRIPTIONS[r]}`).join(' · ')}</p>
      {error ? <p className="error" role="alert">{error}</p> : null}
      <section className="panel"><CreateUserForm /></section>
      <section className="site">
        <table>
          <thead><tr><th>Email</th><th>Name</th><th>Role</th><th>Status</th><th>Last sign-in</th><th>Added</th></tr></thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id} data-user={u.email}>
                <td><strong>{u.email}</strong>{u.id === me.id ? <span className="muted"> (you)</span> : null}</td>
                <td>{u.name}</td>
                <td>
                  <form action={changeRoleAction} className="row-actions">
                    <input type="hidden" name="userId" value={u.id} />
                    <select name="role" defaultValue={u.role} aria-label={`Role of ${u.email}`}>
                      {USER_ROLES.map((r) => <option key={r}>{r}</option>)}
                    </select>
                    <button type="submit" className="secondary">Save</button>
                  </form>
                </td>
                <td>
                  <form action={setDisabledAction} className="row-actions">
                    <input type="hidden" name="userId" value={u.id} />
                    <input type="hidden" name="disabled" value={u.disabled ? 'false' : 'true'} />
                    <span data-status>{u.disabled ? 'disabled' : 'active'}</span>
                    <button type="submit" className={u.disabled ? 'secondary' : 'danger'}>{u.disabled ? 'Enable' : 'Disable'}</button>
                  </form>
                </td>
                <td><RelativeTime date={u.lastSignInAt} now={now} /></td>
                <td><RelativeTime date={u.createdAt} now={now} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
