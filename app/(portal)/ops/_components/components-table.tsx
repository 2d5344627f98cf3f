// Processes: web servers and workers (their heartbeat rows), each supervisor's children (kept in the
// supervisor's heartbeat, so a stopped child still shows), and live pollers. Start/stop/restart go to the
// supervisor on that host through the control channel; a poller is stopped by disabling its instrument.
import type { LivePollerRow } from '@/db/queries/ops-health';
import type { WorkerHeartbeat } from '@/db/schema';
import { allowedActions } from '@/lib/ops/control/components';
import { componentCommandAction, setInstrumentEnabledAction } from '../actions';
import { beatState, formatDuration, StatusDot } from './status-dot';

interface ChildStatus {
  name: string;
  pid: number | null;
  running: boolean;
  restarts: number;
  startedAt: string | null;
}

const seconds = (from: Date | string | null, now: Date) => (from ? Math.max(0, (now.getTime() - new Date(from).getTime()) / 1000) : null);

/** What makes sense now: a running process can be stopped or restarted, a stopped one started. */
function CommandButtons({ component, host, running }: { component: string; host: string; running: boolean }) {
  const actions = allowedActions(component).filter((a) => (running ? a !== 'start' : a === 'start'));
  return (
    <div className="row-actions">
      {actions.map((action) => (
        <form key={action} action={componentCommandAction}>
          <input type="hidden" name="component" value={component} />
          <input type="hidden" name="host" value={host} />
          <input type="hidden" name="action" value={action} />
          <button type="submit" className={action === 'stop' ? 'danger' : 'secondary'} aria-label={`${action} ${component} on ${host}`}>{action}</button>
        </form>
      ))}
    </div>
  );
}

export function ComponentsTable({ beats, pollers, now, controls }: { beats: WorkerHeartbeat[]; pollers: LivePollerRow[]; now: Date; controls: boolean }) {
  const supervisors = beats.filter((b) => b.kind === 'supervisor');
  const processes = beats.filter((b) => b.kind !== 'supervisor');
  return (
    <table>
      <thead><tr><th>Component</th><th>Status</th><th>Host</th><th>PID</th><th>Uptime</th><th>Restarts</th>{controls ? <th>Actions</th> : null}</tr></thead>
      <tbody>
        {processes.map((b) => (
          <tr key={b.id} data-component={`${b.kind}@${b.host}`}>
            <td><strong>{b.kind}</strong></td>
            <td><StatusDot state={beatState(seconds(b.lastBeatAt, now)!)} /></td>
            <td>{b.host}</td>
            <td>{b.pid}</td>
            <td>{formatDuration(seconds(b.startedAt, now))}</td>
            <td>{b.restartCount}</td>
            {controls ? <td>{b.kind === 'web' || b.kind === 'worker' ? <CommandButtons component={b.kind} host={b.host} running /> : null}</td> : null}
          </tr>
        ))}
        {supervisors.flatMap((s) => ((s.info.children ?? []) as ChildStatus[]).map((c) => (
          <tr key={`${s.id}/${c.name}`} data-child={`${c.name}@${s.host}`}>
            <td><strong>{c.name}</strong> <span className="muted">(supervised)</span></td>
            <td><StatusDot state={c.running ? beatState(seconds(s.lastBeatAt, now)!) : 'paused'} label={c.running ? 'running' : 'stopped'} /></td>
            <td>{s.host}</td>
            <td>{c.running ? (c.pid ?? '—') : '—'}</td>
            <td>{c.running ? formatDuration(seconds(c.startedAt, now)) : '—'}</td>
            <td>{c.restarts}</td>
            {controls ? <td><CommandButtons component={c.name} host={s.host} running={c.running} /></td> : null}
          </tr>
        )))}
        {pollers.map((p) => (
          <tr key={p.instrumentId} data-poller={p.instrumentId}>
            <td><strong>poller:{p.instrumentId}</strong> <span className="muted">{p.state}</span></td>
            <td><StatusDot state={beatState(seconds(p.updatedAt, now)!)} /></td>
            <td>{p.holder?.split(':')[0] ?? '—'}</td>
            <td>{p.holder?.split(':')[1] ?? '—'}</td>
            <td>{formatDuration(seconds(p.runningSince, now))}</td>
            <td>{p.failedRunsLastDay} <span className="muted">failed today</span></td>
            {controls ? (
              <td>
                <form action={setInstrumentEnabledAction} className="row-actions">
                  <input type="hidden" name="instrumentId" value={p.instrumentId} />
                  <input type="hidden" name="enabled" value="false" />
                  <button type="submit" className="danger" aria-label={`stop poller ${p.instrumentId}`}>stop</button>
                </form>
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
