// Reads and writes of the operations control panel: schedule pauses, instrument pauses, the component
// command channel, alert acknowledgement, and the job_runs summaries the schedules table shows.
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Queryable } from '../client';
import {
  alerts, componentCommands, instruments, jobRuns, outbox, schedulePauses,
  type ComponentAction, type ComponentCommand, type JobRun, type NewSchedulePause, type SchedulePause,
} from '../schema';

/** The channel supervisors LISTEN on; the payload is the target host. */
export const COMPONENT_COMMAND_CHANNEL = 'fieldops_component_commands';

export async function listSchedulePauses(db: Queryable): Promise<SchedulePause[]> {
  return db.select().from(schedulePauses).orderBy(schedulePauses.queue, schedulePauses.key);
}

export async function getSchedulePause(db: Queryable, queue: string, key: string): Promise<SchedulePause | null> {
  const [row] = await db.select().from(schedulePauses).where(and(eq(schedulePauses.queue, queue), eq(schedulePauses.key, key)));
  return row ?? null;
}

/** Returns false when it was already paused (nothing changed). */
export async function insertSchedulePause(db: Queryable, pause: NewSchedulePause): Promise<boolean> {
  const rows = await db.insert(schedulePauses).values(pause).onConflictDoNothing().returning({ queue: schedulePauses.queue });
  return rows.length > 0;
}

export async function deleteSchedulePause(db: Queryable, queue: string, key: string): Promise<SchedulePause | null> {
  const [row] = await db.delete(schedulePauses).where(and(eq(schedulePauses.queue, queue), eq(schedulePauses.key, key))).returning();
  return row ?? null;
}

export interface OpsInstrument {
  id: string;
  name: string;
  kind: string;
  enabled: boolean;
  paused: boolean;
}

/** Instruments still in the config, for the enable/disable controls. */
export async function listOpsInstruments(db: Queryable): Promise<OpsInstrument[]> {
  return db.select({ id: instruments.id, name: instruments.name, kind: instruments.kind, enabled: instruments.enabled, paused: instruments.paused })
    .from(instruments).where(isNull(instruments.removedFromConfigAt)).orderBy(instruments.id);
}

/** Sets the operator's pause flag; returns the previous value, or null when there is no such instrument. */
export async function setInstrumentPaused(db: Queryable, id: string, paused: boolean): Promise<boolean | null> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select({ paused: instruments.paused }).from(instruments).where(eq(instruments.id, id)).for('update');
    if (!row) return null;
    await tx.update(instruments).set({ paused, updatedAt: sql`now()` }).where(eq(instruments.id, id));
    return row.paused;
  });
}

export async function isInstrumentPaused(db: Queryable, id: string): Promise<boolean> {
  const [row] = await db.select({ paused: instruments.paused }).from(instruments).where(eq(instruments.id, id));
  return row?.paused ?? false;
}

/** The newest run of each (queue, instrument or '' for runs without one). */
export async function listLatestRuns(db: Queryable): Promise<JobRun[]> {
  const result = await db.execute<Record<string, unknown>>(sql`
    SELECT DISTINCT ON (queue, coalesce(instrument_id, '')) id, queue, job_id, instrument_id, day, started_at, finished_at, outcome, counts, error, worker_id
    FROM job_runs ORDER BY queue, coalesce(instrument_id, ''), started_at DESC, id DESC`);
  return result.rows.map(toJobRun);
}

export async function listRecentFailures(db: Queryable, limit = 20): Promise<JobRun[]> {
  return db.select().from(jobRuns).where(eq(jobRuns.outcome, 'failed')).orderBy(desc(jobRuns.startedAt), desc(jobRuns.id)).limit(limit);
}

function toJobRun(r: Record<string, unknown>): JobRun {
  const date = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string));
  return {
    id: Number(r.id), queue: String(r.queue), jobId: r.job_id === null ? null : String(r.job_id), instrumentId: r.instrument_id === null ? null : String(r.instrument_id),
    day: r.day === null ? null : String(r.day), startedAt: new Date(r.started_at as string), finishedAt: date(r.finished_at),
    outcome: r.outcome as JobRun['outcome'], counts: (r.counts ?? {}) as Record<string, number>, error: r.error === null ? null : String(r.error),
    workerId: r.worker_id === null ? null : String(r.worker_id),
  };
}

/** Queues a command for the supervisor on `host` and wakes it (NOTIFY is sent when the transaction commits). */
export async function insertComponentCommand(
  db: Queryable, command: { component: string; host: string; action: ComponentAction; requestedBy: string },
): Promise<ComponentCommand> {
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(componentCommands).values(command).returning();
    await tx.execute(sql`SELECT pg_notify(${COMPONENT_COMMAND_CHANNEL}, ${command.host})`);
    return row!;
  });
}

/** Claims the oldest pending command for this host (one supervisor per host; SKIP LOCKED all the same). */
export async function claimComponentCommand(db: Queryable, host: string, handledBy: string): Promise<ComponentCommand | null> {
  const result = await db.execute<{ id: string }>(sql`
    UPDATE component_commands SET state = 'running', handled_by = ${handledBy}, handled_at = now()
    WHERE id = (SELECT id FROM component_commands WHERE host = ${host} AND state = 'pending' ORDER BY id FOR UPDATE SKIP LOCKED LIMIT 1)
    RETURNING id`);
  const id = result.rows[0]?.id;
  if (id === undefined) return null;
  const [row] = await db.select().from(componentCommands).where(eq(componentCommands.id, Number(id)));
  return row ?? null;
}

/** Commands a previous supervisor on this host claimed and never finished (it died): failed, not left running. */
export async function failAbandonedCommands(db: Queryable, host: string, currentHandler: string): Promise<number> {
  const rows = await db.update(componentCommands)
    .set({ state: 'failed', result: 'the supervisor stopped before it finished this command', handledAt: sql`now()` })
    .where(and(eq(componentCommands.host, host), eq(componentCommands.state, 'running'), sql`${componentCommands.handledBy} IS DISTINCT FROM ${currentHandler}`))
    .returning({ id: componentCommands.id });
  return rows.length;
}

export async function finishComponentCommand(db: Queryable, id: number, outcome: { state: 'done' | 'failed'; result: string }): Promise<void> {
  await db.update(componentCommands).set({ state: outcome.state, result: outcome.result.slice(0, 2000), handledAt: sql`now()` })
    .where(eq(componentCommands.id, id));
}

export async function listComponentCommands(db: Queryable, limit = 20): Promise<ComponentCommand[]> {
  return db.select().from(componentCommands).orderBy(desc(componentCommands.id)).limit(limit);
}

/** Marks a firing or pending alert as seen by someone; false when there is no such alert. */
export async function acknowledgeAlert(db: Queryable, id: number, by: string): Promise<boolean> {
  const rows = await db.update(alerts).set({ acknowledgedBy: by, acknowledgedAt: sql`now()`, updatedAt: sql`now()` })
    .where(eq(alerts.id, id)).returning({ id: alerts.id });
  return rows.length > 0;
}

export async function getAlert(db: Queryable, id: number) {
  const [row] = await db.select().from(alerts).where(eq(alerts.id, id));
  return row ?? null;
}

export interface AlertHistoryEntry {
  id: number;
  alertId: number;
  ruleName: string;
  labels: Record<string, string>;
  at: Date;
  fromState: string;
  toState: string;
  value: number | null;
  message: string | null;
}

/** State changes of every alert, newest first: the alerts page's history. */
export async function listRecentAlertEvents(db: Queryable, limit = 50): Promise<AlertHistoryEntry[]> {
  const result = await db.execute<Record<string, unknown>>(sql`
    SELECT e.id, e.alert_id, a.rule_name, a.labels, e.at, e.from_state, e.to_state, e.value, e.message
    FROM alert_events e JOIN alerts a ON a.id = e.alert_id ORDER BY e.at DESC, e.id DESC LIMIT ${limit}`);
  return result.rows.map((r) => ({
    id: Number(r.id), alertId: Number(r.alert_id), ruleName: String(r.rule_name), labels: (r.labels ?? {}) as Record<string, string>,
    at: new Date(r.at as string), fromState: String(r.from_state), toState: String(r.to_state),
    value: r.value === null ? null : Number(r.value), message: r.message === null ? null : String(r.message),
  }));
}

export async function getOutboxMessageState(db: Queryable, id: number): Promise<{ state: string; subject: string } | null> {
  const [row] = await db.select({ state: outbox.state, subject: outbox.subject }).from(outbox).where(eq(outbox.id, id));
  return row ?? null;
}
