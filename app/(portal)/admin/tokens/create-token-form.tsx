'use client';
import { useActionState } from 'react';
import { createTokenAction, type CreateTokenState } from './actions';

export function CreateTokenForm({ instrumentIds }: { instrumentIds: string[] }) {
  const [state, action, pending] = useActionState<CreateTokenState, FormData>(createTokenAction, {});
  return (
    <>
      <form action={action} className="form flush" aria-label="Create an API token">
        <div className="form inline flush">
          <label>Name<input name="name" required pattern="[A-Za-z0-9][A-Za-z0-9._\-]{0,63}" placeholder="partner-org" /></label>
          <label>Expires
            <select name="expires" defaultValue="90d">
              {['7d', '30d', '90d', '180d', '1y', '2y'].map((v) => <option key={v}>{v}</option>)}
            </select>
          </label>
        </div>
        <fieldset className="checks">
          <legend>Instruments it may read</legend>
          {instrumentIds.map((id) => <label key={id}><input type="checkbox" name="instruments" value={id} /> {id}</label>)}
          <label><input type="checkbox" name="all" /> all (also future ones)</label>
        </fieldset>
        <button type="submit" disabled={pending}>Create token</button>
      </form>
      {state.error ? <p className="error" role="alert">{state.error}</p> : null}
      {state.created ? (
        <div className="notice" role="status" data-testid="created-token">
          Token {state.created.name} (read-only, expires {state.created.expiresAt.slice(0, 10)}). Copy it now; it is not shown again:
          <p className="secret">{state.created.token}</p>
          Use it as <code>Authorization: Bearer …</code> on <code>/api/v1/</code>.
        </div>
      ) : null}
    </>
  );
}
