// Operators: alerts. Firing and pending ones (acknowledge; silence this series for a while, with a reason),
// the recent history of state changes, and the silences (active ones can be ended early).
import type { Metadata } from 'next';
import Link from 'next/link';
import { getDb } from '@/db/client';
import { listAlerts, listSilences } from '@/db/queries/alerts';
import { listRecentAlertEvents } from '@/db/queries/ops-control';
import type { Alert } from '@/db/schema';
import { RelativeTime } from '@/app/_components/relative-time';
import { requireUser } from '@/lib/auth/session';
import { StatusDot } from '../_components/status-dot';
import { acknowledgeAlertAction, endSilenceAction, silenceAlertAction } from './actions';

export const metadata: Metadata = { title: 'Alerts' };
export const dynamic = 'force-dynamic';

const labelText = (labels: Record<string, string>) => Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(', ');

function AlertRow({ alert, now }: { alert: Alert; now: Date }) {
  return (
    <tr data-alert={alert.id} data-alert-state={alert.state}>
      <td><StatusDot state={alert.state === 'firing' ? 'down' : 'late'} label={alert.state} /></td>
      <td><strong>{alert.ruleName}</strong> <span className="muted">{alert.severity}</span></td>
      <td className="components">{labelText(alert.labels)}</td>
      <td>{alert.value ?? '—'}</td>
      <td><RelativeTime date={alert.firingSince ?? alert.pendingSince} now={now} /></td>
      <td>
        {alert.acknowledgedBy
          ? <span className="muted">acknowledged by {alert.acknowledgedBy}</span>
          : (
            <form action={acknowledgeAlertAction}>
              <input type="hidden" name="alertId" value={alert.id} />
              <button type="submit" className="secondary" aria-label={`Acknowledge alert ${alert.id}`}>Acknowledge</button>
            </form>
          )}
        <details>
          <summary>Silence…</summary>
          <form action={silenceAlertAction} className="form flush">
            <input type="hidden" name="alertId" value={alert.id} />
            <fieldset className="checks">
              <legend>Match</legend>
              {Object.entries(alert.labels).map(([k, v]) => (
                <label key={k}><input type="checkbox" name="match" value={k} defaultChecked /> {k}={v}</label>
              ))}
            </fieldset>
            <label>Duration<input name="duration" defaultValue="4h" pattern="\d{1,4}[mhd]" required /></label>
            <label>Reason<input name="reason" required maxLength={500} placeholder="maintenance, known outage, …" /></label>
            <button type="submit">Create silence</button>
          </form>
        </details>
      </td>
    </tr>
  );
}

export default async function AlertsPage({ searchParams }: { searchParams: Promise<{ error?: string; done?: string }> }) {
  await requireUser('operator', '/ops/alerts');
  const db = getDb();
  const now = new Date();
  const [{ error, done }, alerts, history, silences] = await Promise.all([
    searchParams, listAlerts(db), listRecentAlertEvents(db, 50), listSilences(db, { limit: 50 }),
  ]);
  const active = alerts.filter((a) => a.state === 'firing' || a.state === 'pending')
    .sort((a, b) => (a.state === b.state ? a.id - b.id : a.state === 'firing' ? -1 : 1));
  return (
    <>
      <h1>Alerts</h1>
      <p className="subtitle"><Link href="/ops">Operations</Link> · <Link href="/ops/outbox">Outbox</Link></p>
      {error ? <p className="error" role="alert">{error.slice(0, 300)}</p> : null}
      {done ? <p className="notice" role="status">{done.slice(0, 300)}</p> : null}
      <section className="site" aria-labelledby="active">
        <h2 id="active">Firing and pending</h2>
        {active.length === 0 ? <p className="muted" style={{ padding: '0 1rem' }}>Nothing firing or pending.</p> : (
          <table>
            <thead><tr><th>State</th><th>Rule</th><th>Labels</th><th>Value</th><th>Since</th><th>Actions</th></tr></thead>
            <tbody>{active.map((a) => <AlertRow key={a.id} alert={a} now={now} />)}</tbody>
          </table>
        )}
      </section>
      <section className="site" aria-labelledby="silences">
        <h2 id="silences">Silences</h2>
        {silences.length === 0 ? <p className="muted" style={{ padding: '0 1rem' }}>No silences.</p> : (
          <table>
            <thead><tr><th>Matcher</th><th>Until</th><th>By</th><th>Reason</th><th></th></tr></thead>
            <tbody>
              {silences.map((s) => {
                const activeNow = s.startsAt <= now && s.endsAt > now;
                return (
                  <tr key={s.id} data-silence={s.id} data-active={activeNow ? 'true' : 'false'}>
                    <td className="components">{labelText(s.matcher)}</td>
                    <td>{s.endsAt.toISOString().slice(0, 16).replace('T', ' ')} UTC{activeNow ? '' : <span className="muted"> (ended)</span>}</td>
                    <td>{s.createdBy}</td>
                    <td>{s.reason}</td>
                    <td>{activeNow ? (
                      <form action={endSilenceAction}>
                        <input type="hidden" name="silenceId" value={s.id} />
                        <button type="submit" className="secondary">End now</button>
                      </form>
                    ) : null}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>
      <section className="site" aria-labelledby="history">
        <h2 id="history">History</h2>
        {history.length === 0 ? <p className="muted" style={{ padding: '0 1rem' }}>No alert has changed state yet.</p> : (
          <table>
            <thead><tr><th>When</th><th>Rule</th><th>Labels</th><th>Change</th><th>Message</th></tr></thead>
            <tbody>
              {history.map((e) => (
                <tr key={e.id}>
                  <td><RelativeTime date={e.at} now={now} /></td>
                  <td>{e.ruleName}</td>
                  <td className="components">{labelText(e.labels)}</td>
                  <td>{e.fromState} → {e.toState}</td>
                  <td>{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
