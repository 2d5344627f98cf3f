// The latest failed runs with their error text, newest first.
import { RelativeTime } from '@/app/_components/relative-time';
import type { JobRun } from '@/db/schema';

export function FailuresTable({ runs, now }: { runs: JobRun[]; now: Date }) {
  if (runs.length === 0) return <p className="muted" style={{ padding: '0 1rem' }}>No failed runs.</p>;
  return (
    <table>
      <thead><tr><th>When</th><th>Queue</th><th>Instrument</th><th>Day</th><th>Error</th></tr></thead>
      <tbody>
        {runs.map((r) => (
          <tr key={r.id} data-failed-run={r.id}>
            <td><RelativeTime date={r.startedAt} now={now} /></td>
            <td>{r.queue}</td>
            <td>{r.instrumentId ?? '—'}</td>
            <td>{r.day ?? '—'}</td>
            <td className="error">{(r.error ?? '').slice(0, 500)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
