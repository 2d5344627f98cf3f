// Reads the health monitor makes every minute. All read-only: the monitor observes, it never repairs.
import { sql } from 'drizzle-orm';
import type { Database } from '../client';

export type Executor = Pick<Database, 'execute'>;

const iso = (d: Date) => d.toISOString();
const dateOrNull = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string));

export interface HeartbeatRow {
  id: string;
  kind: string;
  host: string;
  pid: number;
  startedAt: Date;
  lastBeatAt: Date;
  restartCount: number;
  stoppedAt: Date | null;
}

/** Heartbeat rows of processes still running (or that died without saying so) and of recent clean stops. */
export async function listRecentHeartbeats(db: Executor, now: Date): Promise<HeartbeatRow[]> {
  const result = await db.execute<Record<string, unknown>>(sql`
    SELECT id, kind, host, pid, started_at, last_beat_at, restart_count, stopped_at FROM worker_heartbeats
    WHERE (stopped_at IS NULL AND last_beat_at > ${iso(now)}::timestamptz - interval '7 days')
       OR stopped_at > ${iso(now)}::timestamptz - interval '1 day'
    ORDER BY kind, host, last_beat_at DESC`);
  return result.rows.map((r) => ({
    id: String(r.id), kind: String(r.kind), host: String(r.host), pid: Number(r.pid), startedAt: new Date(r.started_at as string),
    lastBeatAt: new Date(r.last_beat_at as string), restartCount: Number(r.restart_count), stoppedAt: dateOrNull(r.stopped_at),
  }));
}

export interface LivePollerRow {
  instrumentId: string;
  siteId: string;
  state: string;
  holder: string | null;
  updatedAt: Date;
  leaseExpiresAt: Date | null;
  runningSince: Date | null;
  failedRunsLastDay: number;
}

/** Live pollers of enabled, unpaused instruments: their feed row, lease and recent job runs. */
export async function listLivePollers(db: Executor, now: Date): Promise<LivePollerRow[]> {
  const result = await db.execute<Record<string, unknown>>(sql`
    SELECT f.instrument_id, i.site_id, f.state, f.holder, f.updated_at, l.expires_at AS lease_expires_at,
      (SELECT max(started_at) FROM job_runs r WHERE r.queue = 'live-poll' AND r.instrument_id = f.instrument_id AND r.outcome = 'running') AS running_since,
      (SELECT count(*) FROM job_runs r WHERE r.queue = 'live-poll' AND r.instrument_id = f.instrument_id AND r.outcome = 'failed'
         AND r.started_at > ${iso(now)}::timestamptz - interval '1 day') AS failed_runs
    FROM live_feeds f
    JOIN instruments i ON i.id = f.instrument_id
    LEFT JOIN leases l ON l.name = 'live-poll:' || f.instrument_id
    WHERE i.enabled AND NOT i.paused AND i.removed_from_config_at IS NULL`);
  return result.rows.map((r) => ({
    instrumentId: String(r.instrument_id), siteId: String(r.site_id), state: String(r.state), holder: r.holder === null ? null : String(r.holder),
    updatedAt: new Date(r.updated_at as string), leaseExpiresAt: dateOrNull(r.lease_expires_at), runningSince: dateOrNull(r.running_since),
    failedRunsLastDay: Number(r.failed_runs),
  }));
}

export interface QueueStatsRow {
  queue: string;
  depth: number;
  active: number;
  failedLastHour: number;
}

/** Per pg-boss queue (not its internal ones): waiting, running, and failed in the last hour. Empty before pg-boss ran. */
export async function listQueueStats(db: Executor, now: Date): Promise<QueueStatsRow[]> {
  const exists = await db.execute<{ t: string | null }>(sql`SELECT to_regclass('pgboss.job')::text AS t`);
  if (!exists.rows[0]?.t) return [];
  const result = await db.execute<Record<string, unknown>>(sql`
    SELECT q.name,
      count(j.id) FILTER (WHERE j.state IN ('created', 'retry')) AS depth,
      count(j.id) FILTER (WHERE j.state = 'active') AS active,
      count(j.id) FILTER (WHERE j.state = 'failed' AND j.completed_on > ${iso(now)}::timestamptz - interval '1 hour') AS failed
    FROM pgboss.queue q LEFT JOIN pgboss.job j ON j.name = q.name
    WHERE left(q.name, 10) <> '__pgboss__'
    GROUP BY q.name ORDER BY q.name`);
  return result.rows.map((r) => ({ queue: String(r.name), depth: Number(r.depth), active: Number(r.active), failedLastHour: Number(r.failed) }));
}

export async function getDatabaseSize(db: Executor): Promise<number> {
  const result = await db.execute<{ size: string }>(sql`SELECT pg_database_size(current_database()) AS size`);
  return Number(result.rows[0]!.size);
}

/** Enabled mirrors and when each last finished a successful run (null: never). */
export async function listMirrorLastSuccess(db: Executor): Promise<{ mirrorId: string; lastSuccessAt: Date | null }[]> {
  const result = await db.execute<Record<string, unknown>>(sql`
    SELECT m.id, (SELECT max(r.finished_at) FROM mirror_runs r WHERE r.mirror_id = m.id AND r.outcome = 'succeeded') AS last_success
    FROM mirrors m WHERE m.enabled AND m.removed_from_config_at IS NULL ORDER BY m.id`);
  return result.rows.map((r) => ({ mirrorId: String(r.id), lastSuccessAt: dateOrNull(r.last_success) }));
}
