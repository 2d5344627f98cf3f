'use client';
// Green: records are arriving. Orange: connected, but no record for `staleAfterMs`. Red: the connection to
// the server is lost (the browser is reconnecting). data-state is what tests and monitors read.
import styles from '../live.module.css';
import type { Connection } from './use-live-feed';

export type DotState = 'receiving' | 'stale' | 'lost';

export function dotState(connection: Connection, lastArrival: number, now: number, staleAfterMs: number): DotState {
  if (connection !== 'open') return 'lost';
  return now - lastArrival > staleAfterMs ? 'stale' : 'receiving';
}

export function StatusDot({ state, connection, silentSeconds }: { state: DotState; connection: Connection; silentSeconds: number }) {
  const text =
    state === 'receiving' ? 'Receiving'
      : state === 'stale' ? `Connected, no record for ${silentSeconds} s`
        : connection === 'connecting' ? 'Connecting…' : 'Connection lost, reconnecting…';
  return (
    <p className={styles.status} data-testid="live-status" data-state={state} role="status">
      <span className={`${styles.dot} ${styles[state]}`} aria-hidden="true" />
      <span>{text}</span>
    </p>
  );
}
