// Operators: every email the system sent or tried to send, with its state, attempts and last error; a
// failed one can be retried.
import type { Metadata } from 'next';
import Link from 'next/link';
import { getDb } from '@/db/client';
import { countOutboxByState, listOutbox } from '@/db/queries/outbox';
import { RelativeTime } from '@/app/_components/relative-time';
import { requireUser } from '@/lib/auth/session';
import { StatusDot } from '../_components/status-dot';
import { retryOutboxAction } from './actions';

export const metadata: Metadata = { title: 'Outbox' };
export const dynamic = 'force-dynamic';

const STATE = { pending: 'late', sending: 'late', sent: 'up', failed: 'down' } as const;

export default async function OutboxPage({ searchParams }: { searchParams: Promise<{ error?: string; done?: string }> }) {
  await requireUser('operator', '/ops/outbox');
  const db = getDb();
  const now = new Date();
  const [{ error, done }, messages, counts] = await Promise.all([searchParams, listOutbox(db, { limit: 200 }), countOutboxByState(db)]);
  return (
    <>
      <h1>Outbox</h1>
      <p className="subtitle">
        <Link href="/ops">Operations</Link> · <Link href="/ops/alerts">Alerts</Link> ·{' '}
        {Object.entries(counts).map(([state, n]) => `${state} ${n}`).join(' · ')}
      </p>
      {error ? <p className="error" role="alert">{error.slice(0, 300)}</p> : null}
      {done ? <p className="notice" role="status">{done.slice(0, 300)}</p> : null}
      <section className="site">
        <table>
          <thead><tr><th>Created</th><th>Kind</th><th>To</th><th>Subject</th><th>State</th><th>Attempts</th><th>Last error</th><th></th></tr></thead>
          <tbody>
            {messages.map((m) => (
              <tr key={m.id} data-message={m.id} data-state={m.state}>
                <td><RelativeTime date={m.createdAt} now={now} /></td>
                <td>{m.kind}</td>
                <td className="components">{m.toAddresses.join(', ')}</td>
                <td>{m.subject}</td>
                <td><StatusDot state={STATE[m.state]} label={m.state} />{m.sentAt ? <span className="muted"> <RelativeTime date={m.sentAt} now={now} /></span> : null}</td>
                <td>{m.attempts}</td>
                <td className="error">{m.lastError?.slice(0, 300)}</td>
                <td>{m.state === 'failed' ? (
                  <form action={retryOutboxAction}>
                    <input type="hidden" name="messageId" value={m.id} />
                    <button type="submit" className="secondary" aria-label={`Retry message ${m.id}`}>Retry</button>
                  </form>
                ) : null}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {messages.length === 0 ? <p className="muted" style={{ padding: '0 1rem' }}>No mail yet.</p> : null}
      </section>
    </>
  );
}
