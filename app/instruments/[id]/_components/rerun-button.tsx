'use client';
// One grid cell's re-run button (operators only), with the outcome shown in place.
import { useActionState } from 'react';
import { rerunStageAction, type RerunState } from '../actions';

export function RerunButton({ instrumentId, day, stage }: { instrumentId: string; day: string; stage: string }) {
  const [state, action, pending] = useActionState<RerunState, FormData>(rerunStageAction, { message: null, error: null });
  return (
    <form action={action}>
      <input type="hidden" name="instrumentId" value={instrumentId} />
      <input type="hidden" name="day" value={day} />
      <input type="hidden" name="stage" value={stage} />
      <button type="submit" className="secondary" disabled={pending} aria-label={`Re-run ${stage} for ${day}`}>re-run</button>
      {state.message ? <div role="status">{state.message}</div> : null}
      {state.error ? <div className="error" role="alert">{state.error}</div> : null}
    </form>
  );
}
