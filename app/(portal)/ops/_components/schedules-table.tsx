// Schedules and pipelines: every pg-boss schedule (and every paused one) with its last run, next run and
// the operator's buttons. `controls` is false for anyone below operator (they never reach here today, but
// the table does not rely on that).
import { RelativeTime } from '@/app/_components/relative-time';
import type { ScheduleRow } from '@/lib/ops/control/schedules';
import { pauseScheduleAction, resumeScheduleAction, runNowAction } from '../actions';
import { formatDuration, StatusDot } from './status-dot';

function lastRunCell(row: ScheduleRow, now: Date) {
  const run = row.lastRun;
  if (!run) return <span className="muted">never</span>;
  const seconds = run.finishedAt ? (run.finishedAt.getTime() - run.startedAt.getTime()) / 1000 : null;
  const counts = Object.entries(run.counts).filter(([, v]) => v).map(([k, v]) => `${k} ${v}`).join(', ');
  const state = run.outcome === 'succeeded' ? 'up' : run.outcome === 'running' ? 'late' : 'down';
  return (
    <>
      <StatusDot state={state} label={run.outcome} /> <RelativeTime date={run.startedAt} now={now} />
      <span className="muted"> · {run.outcome === 'running' ? 'running' : formatDuration(seconds)}{counts ? ` · ${counts}` : ''}</span>
      {run.error ? <div className="error" title={run.error}>{run.error.slice(0, 200)}</div> : null}
    </>
  );
}

export function SchedulesTable({ rows, now, controls }: { rows: ScheduleRow[]; now: Date; controls: boolean }) {
  return (
    <table>
      <thead><tr><th>Queue</th><th>Key</th><th>Cron</th><th>Last run</th><th>Next run</th>{controls ? <th>Actions</th> : null}</tr></thead>
      <tbody>
        {rows.map((row) => (
          <tr key={`${row.queue}/${row.key}`} data-schedule={`${row.queue}/${row.key}`} data-paused={row.paused ? 'true' : 'false'}>
            <td><strong>{row.queue}</strong></td>
            <td>{row.key}</td>
            <td><code>{row.cron}</code> <span className="muted">{row.timezone}</span></td>
            <td>{lastRunCell(row, now)}</td>
            <td>{row.paused
              ? <><StatusDot state="paused" /> <span className="muted">by {row.paused.by}</span></>
              : row.nextRunAt ? <time dateTime={row.nextRunAt.toISOString()}>{row.nextRunAt.toISOString().slice(0, 16).replace('T', ' ')} UTC</time> : '—'}</td>
            {controls ? (
              <td>
                <div className="row-actions">
                  <form action={runNowAction}>
                    <input type="hidden" name="queue" value={row.queue} />
                    <input type="hidden" name="key" value={row.key} />
                    <button type="submit" aria-label={`Run ${row.queue}/${row.key} now`}>Run now</button>
                  </form>
                  <form action={row.paused ? resumeScheduleAction : pauseScheduleAction}>
                    <input type="hidden" name="queue" value={row.queue} />
                    <input type="hidden" name="key" value={row.key} />
                    <button type="submit" className="secondary" aria-label={`${row.paused ? 'Resume' : 'Pause'} ${row.queue}/${row.key}`}>
                      {row.paused ? 'Resume' : 'Pause'}
                    </button>
                  </form>
                </div>
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
