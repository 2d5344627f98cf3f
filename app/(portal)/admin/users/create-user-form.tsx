'use client';
import { useActionState } from 'react';
import { USER_ROLES } from '@/lib/auth/roles';
import { createUserAction, type CreateUserState } from './actions';

export function CreateUserForm() {
  const [state, action, pending] = useActionState<CreateUserState, FormData>(createUserAction, {});
  return (
    <>
      <form action={action} className="form inline flush" aria-label="Add a user">
        <label>Email<input name="email" type="email" required /></label>
        <label>Name<input name="name" /></label>
        <label>Role
          <select name="role" defaultValue="viewer">{USER_ROLES.map((r) => <option key={r}>{r}</option>)}</select>
        </label>
        <label>Password<input name="password" type="password" placeholder="leave empty to generate" autoComplete="new-password" /></label>
        <button type="submit" disabled={pending}>Add user</button>
      </form>
      {state.error ? <p className="error" role="alert">{state.error}</p> : null}
      {state.created ? (
        <div className="notice" role="status" data-testid="created-user">
          Added {state.created.email} ({state.created.role}).
          {state.created.password ? <> Password, shown only now: <span className="secret">{state.created.password}</span></> : null}
        </div>
      ) : null}
    </>
  );
}
