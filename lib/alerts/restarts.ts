// "A restart sends one email, not a storm." The supervisor restarts a crashed web server or worker with
// backoff and hands it its restart count; the new process's heartbeat row carries that count. Each
// component (kind on a host) gets at most one restart mail per clock hour, listing every restart of it in
// that hour so far; a crash loop is one mail an hour, not one a second.
import { sql } from 'drizzle-orm';
import { enqueueOutbox, type Executor } from '../../db/queries/outbox';
import type { FieldopsConfig } from '../config/schema';

const HOUR_MS = 3600_000;

type RestartRow = {
  kind: string;
  host: string;
  pid: number;
  started_at: string | Date;
  restart_count: number;
};

export async function enqueueRestartNotices(tx: Executor, config: FieldopsConfig, now: Date): Promise<number> {
  const to = config.alerts.email?.to ?? [];
  if (to.length === 0) return 0;
  const hourStart = new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS);
  const result = await tx.execute<RestartRow>(sql`
    SELECT kind, host, pid, started_at, restart_count FROM worker_heartbeats
    WHERE restart_count > 0 AND started_at >= ${hourStart.toISOString()} AND started_at <= ${now.toISOString()}
    ORDER BY kind, host, started_at`);
  const byComponent = new Map<string, RestartRow[]>();
  for (const row of result.rows) {
    const key = `${row.kind}@${row.host}`;
    byComponent.set(key, [...(byComponent.get(key) ?? []), row]);
  }
  let mails = 0;
  for (const [component, rows] of byComponent) {
    const last = rows.at(-1)!;
    const lines = rows.map((r) => `  ${new Date(r.started_at).toISOString()}  restart #${r.restart_count}, now pid ${r.pid}`);
    const subject = `[fieldops ${config.campaign.name}] RESTARTED ${component}${rows.length > 1 ? ` (${rows.length} times this hour)` : ''}`;
    const text = [
      `The supervisor restarted ${last.kind} on ${last.host} after it stopped unexpectedly:`,
      ...lines,
      '',
      'Further restarts of it this hour are not mailed; its heartbeat alert (component_heartbeat_age_seconds) says if it stays down.',
      'The reason is in the log: <data>/logs/fieldops.jsonl.',
    ].join('\n');
    const id = await enqueueOutbox(tx, { kind: 'restart', to, subject, text, dedupeKey: `restart:${component}:${hourStart.toISOString()}`, notBefore: now });
    if (id !== null) mails += 1;
  }
  return mails;
}
