// Alerts, their history and silences. The evaluator works inside one transaction that holds an advisory
// lock, so two evaluations (two workers, a retry beside a hung run) can never interleave their updates.
import { and, asc, desc, eq, gt, lte, sql } from 'drizzle-orm';
import type { AlertStatus } from '../../lib/alerts/state-machine';
import type { Database } from '../client';
import { alertEvents, alerts, silences, type Alert, type AlertState, type Silence } from '../schema';

export type Executor = Pick<Database, 'execute' | 'select' | 'insert' | 'update'>;

export interface SeriesSample {
  time: Date;
  component: string;
  labels: Record<string, string>;
  value: number | null;
}

/**
 * Takes the evaluation lock for this transaction, or returns false when another evaluation holds it. A
 * hung holder (stopped process) cannot keep it: the server ends its idle transaction after a minute,
 * which rolls back everything it had not committed and releases the lock.
 */
export async function tryAlertsEvaluationLock(tx: Executor): Promise<boolean> {
  await tx.execute(sql`SET LOCAL idle_in_transaction_session_timeout = '60s'`);
  const result = await tx.execute<{ locked: boolean }>(sql`SELECT pg_try_advisory_xact_lock(hashtext('fieldops:alerts-evaluate')) AS locked`);
  return Boolean(result.rows[0]?.locked);
}

/** The newest snapshot of each series of a metric in (since, until]. */
export async function latestSamples(tx: Executor, metric: string, since: Date, until: Date): Promise<SeriesSample[]> {
  const result = await tx.execute<{ time: string | Date; component: string; labels: Record<string, string>; value: number | string | null }>(sql`
    SELECT DISTINCT ON (component, labels) time, component, labels, value
    FROM health_snapshots
    WHERE metric = ${metric} AND time > ${since.toISOString()} AND time <= ${until.toISOString()}
    ORDER BY component, labels, time DESC`);
  return result.rows.map((r) => ({ time: new Date(r.time), component: r.component, labels: r.labels ?? {}, value: r.value === null ? null : Number(r.value) }));
}

/** When a series last reported a value (for a no-data notice: "has not reported since …"). */
export async function lastSampleTime(tx: Executor, metric: string, component: string, until: Date): Promise<Date | null> {
  const result = await tx.execute<{ time: string | Date }>(sql`
    SELECT time FROM health_snapshots
    WHERE metric = ${metric} AND component = ${component} AND value IS NOT NULL AND time <= ${until.toISOString()}
    ORDER BY time DESC LIMIT 1`);
  const time = result.rows[0]?.time;
  return time ? new Date(time) : null;
}

/** When the health collector last wrote anything (up to `until`); null when it never has. */
export async function latestSnapshotAt(tx: Executor, until: Date): Promise<Date | null> {
  const result = await tx.execute<{ at: string | Date | null }>(sql`SELECT max(time) AS at FROM health_snapshots WHERE time <= ${until.toISOString()}`);
  const at = result.rows[0]?.at;
  return at ? new Date(at) : null;
}

export async function listAlerts(tx: Executor): Promise<Alert[]> {
  return tx.select().from(alerts).orderBy(asc(alerts.id));
}

export async function insertAlert(
  tx: Executor, row: { ruleName: string; seriesKey: string; labels: Record<string, string>; severity: string },
): Promise<Alert> {
  const [inserted] = await tx.insert(alerts).values({ ...row, state: 'ok' }).onConflictDoNothing().returning();
  if (inserted) return inserted;
  const [existing] = await tx.select().from(alerts).where(and(eq(alerts.ruleName, row.ruleName), eq(alerts.seriesKey, row.seriesKey)));
  return existing!;
}

export async function saveAlertStatus(tx: Executor, id: number, status: AlertStatus, extra: { severity?: string; labels?: Record<string, string> } = {}): Promise<void> {
  await tx
    .update(alerts)
    .set({
      state: status.state, value: status.value, pendingSince: status.pendingSince, firingSince: status.firingSince,
      resolvedAt: status.resolvedAt, lastNotifiedAt: status.lastNotifiedAt, ...extra, updatedAt: sql`now()`,
    })
    .where(eq(alerts.id, id));
}

export async function insertAlertEvent(
  tx: Executor, event: { alertId: number; at: Date; fromState: AlertState; toState: AlertState; value: number | null; message: string },
): Promise<void> {
  await tx.insert(alertEvents).values(event);
}

/** Instruments whose feeds are expected to be quiet: paused by an operator, disabled or removed from the config. */
export async function listInactiveInstruments(tx: Executor): Promise<Set<string>> {
  const result = await tx.execute<{ id: string }>(sql`
    SELECT id FROM instruments WHERE paused OR NOT enabled OR removed_from_config_at IS NOT NULL`);
  return new Set(result.rows.map((r) => r.id));
}

export async function listActiveSilences(tx: Executor, now: Date): Promise<Silence[]> {
  return tx
    .select()
    .from(silences)
    .where(and(lte(silences.startsAt, now), gt(silences.endsAt, now)))
    .orderBy(asc(silences.id));
}

export async function createSilence(
  db: Executor, silence: { matcher: Record<string, string>; startsAt?: Date; endsAt: Date; createdBy: string; reason?: string | null },
): Promise<Silence> {
  if (Object.keys(silence.matcher).length === 0) throw new Error('a silence needs a matcher: an empty one would mute every alert');
  const [row] = await db.insert(silences).values({ ...silence, reason: silence.reason ?? null }).returning();
  return row!;
}

/** Ends a silence now (kept as history rather than deleted). */
export async function expireSilence(db: Executor, id: number, now: Date = new Date()): Promise<void> {
  await db.update(silences).set({ endsAt: now }).where(and(eq(silences.id, id), gt(silences.endsAt, now)));
}

export async function listSilences(db: Executor, options: { activeAt?: Date; limit?: number } = {}): Promise<Silence[]> {
  const query = db.select().from(silences);
  const filtered = options.activeAt ? query.where(gt(silences.endsAt, options.activeAt)) : query;
  return filtered.orderBy(desc(silences.startsAt)).limit(options.limit ?? 200);
}

export async function listAlertEvents(db: Executor, alertId: number, limit = 100) {
  return db.select().from(alertEvents).where(eq(alertEvents.alertId, alertId)).orderBy(desc(alertEvents.at), desc(alertEvents.id)).limit(limit);
}
