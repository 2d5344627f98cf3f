// Liveness of the long-running parts: web servers and workers (worker_heartbeats) and live pollers (their
// feed row, lease and job runs). A component is a kind on a host (`worker@obs-2`): its series stays the same
// across restarts, so a crash that the supervisor repairs in seconds does not leave a dead series behind,
// while a process that hangs (SIGSTOP, a deadlock) or dies for good shows a heartbeat age that keeps growing.
import { listLivePollers, listRecentHeartbeats, type Executor, type HeartbeatRow } from '../../../db/queries/ops-health';
import { reading, secondsBetween, type CollectorResult, type HealthReading } from './types';

/** A lease holder is `<host>:<pid>:<startMs>:<job>`: the worker that runs the poller, then the job. */
function parseHolder(holder: string | null): { host: string; pid: number | null } {
  if (!holder) return { host: 'unknown', pid: null };
  const [host, pid] = holder.split(':');
  return { host: host || 'unknown', pid: Number(pid) || null };
}

function componentReadings(component: string, labels: Record<string, string>, beatAgeSeconds: number, uptimeSeconds: number | null, restarts: number): HealthReading[] {
  return [
    reading(component, 'component_heartbeat_age_seconds', labels, beatAgeSeconds),
    reading(component, 'component_uptime_seconds', labels, uptimeSeconds),
    reading(component, 'component_restart_count', labels, restarts),
  ];
}

export async function collectComponents(db: Executor, now: Date): Promise<CollectorResult> {
  const groups = new Map<string, HeartbeatRow[]>();
  for (const row of await listRecentHeartbeats(db, now)) {
    const key = `${row.kind}@${row.host}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  const readings: HealthReading[] = [];
  const raw: Record<string, unknown>[] = [];
  for (const [component, rows] of groups) {
    const running = rows.filter((r) => r.stoppedAt === null);
    for (const r of rows) {
      raw.push({ component, id: r.id, kind: r.kind, host: r.host, pid: r.pid, startedAt: r.startedAt, lastBeatAt: r.lastBeatAt,
        heartbeatAgeSeconds: secondsBetween(r.lastBeatAt, now), uptimeSeconds: secondsBetween(r.startedAt, now), restartCount: r.restartCount, stoppedAt: r.stoppedAt });
    }
    // Stopped cleanly and nothing running: no reading, so a rule on it sees `no data` (a component that was
    // switched off must be noticed, or silenced, by someone; it never quietly looks healthy).
    if (running.length === 0) continue;
    const freshest = running.reduce((a, b) => (a.lastBeatAt > b.lastBeatAt ? a : b));
    const labels = { component, kind: freshest.kind, host: freshest.host };
    readings.push(...componentReadings(component, labels, secondsBetween(freshest.lastBeatAt, now), secondsBetween(freshest.startedAt, now), freshest.restartCount));
    readings.push(reading(component, 'component_instances', labels, running.length));
  }
  for (const p of await listLivePollers(db, now)) {
    const component = `poller:${p.instrumentId}`;
    const { host, pid } = parseHolder(p.holder);
    const labels = { component, kind: 'poller', host, instrument: p.instrumentId, site: p.siteId };
    const uptime = p.runningSince ? secondsBetween(p.runningSince, now) : null;
    readings.push(...componentReadings(component, labels, secondsBetween(p.updatedAt, now), uptime, p.failedRunsLastDay));
    raw.push({ component, kind: 'poller', host, pid, instrument: p.instrumentId, state: p.state, holder: p.holder, lastUpdateAt: p.updatedAt,
      leaseExpiresAt: p.leaseExpiresAt, runningSince: p.runningSince, failedRunsLastDay: p.failedRunsLastDay });
  }
  return { readings, raw };
}
