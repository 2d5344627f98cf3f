// Schedules on the ops page: what pg-boss has scheduled plus what an operator paused, each with its last
// run and next run; pause, resume and run now. A pause unschedules the schedule in pg-boss and keeps it in
// schedule_pauses (workers skip those when they apply the config at start), so it survives restarts.
import type { PgBoss } from 'pg-boss';
import type { Queryable } from '../../../db/client';
import {
  deleteSchedulePause, getSchedulePause, insertSchedulePause, listLatestRuns, listSchedulePauses,
} from '../../../db/queries/ops-control';
import type { JobRun } from '../../../db/schema';
import { allQueues, type QueueDefinition } from '../../../workers/queues';
import { recordAudit } from '../../auth/audit';
import { ControlInputError, type ControlActor } from './actor';
import { nextRunAt } from './next-run';

export interface ScheduleRow {
  queue: string;
  key: string;
  cron: string;
  timezone: string;
  data: Record<string, unknown>;
  paused: { by: string; at: Date } | null;
  nextRunAt: Date | null;
  lastRun: JobRun | null;
}

export interface ScheduleRef {
  queue: string;
  key: string;
}

export async function listScheduleRows(db: Queryable, boss: PgBoss, now: Date = new Date()): Promise<ScheduleRow[]> {
  const [scheduled, pauses, latest] = await Promise.all([boss.getSchedules(), listSchedulePauses(db), listLatestRuns(db)]);
  const lastRun = (queue: string, data: Record<string, unknown>) => {
    const instrumentId = typeof data.instrumentId === 'string' ? data.instrumentId : null;
    return latest.find((r) => r.queue === queue && r.instrumentId === instrumentId) ?? null;
  };
  const rows: ScheduleRow[] = scheduled.map((s) => {
    const data = (s.data ?? {}) as Record<string, unknown>;
    return { queue: s.name, key: s.key, cron: s.cron, timezone: s.timezone, data, paused: null, nextRunAt: nextRunAt(s.cron, s.timezone, now), lastRun: lastRun(s.name, data) };
  });
  for (const p of pauses) {
    if (rows.some((r) => r.queue === p.queue && r.key === p.key)) continue;
    rows.push({ queue: p.queue, key: p.key, cron: p.cron, timezone: p.timezone, data: p.data, paused: { by: p.pausedBy, at: p.pausedAt }, nextRunAt: null, lastRun: lastRun(p.queue, p.data) });
  }
  return rows.sort((a, b) => a.queue.localeCompare(b.queue) || a.key.localeCompare(b.key));
}

/** The queue definition for a name from a form, or a clear error. */
export function queueNamed(name: string): QueueDefinition {
  const queue = allQueues.find((q) => q.name === name);
  if (!queue) throw new ControlInputError(`no queue named '${name.slice(0, 80)}'`);
  return queue;
}

function checkRef(ref: ScheduleRef): void {
  queueNamed(ref.queue);
  if (!ref.key || ref.key.length > 200) throw new ControlInputError('a schedule key is 1 to 200 characters');
}

async function findSchedule(boss: PgBoss, ref: ScheduleRef) {
  const [found] = await boss.getSchedules(ref.queue, ref.key);
  return found ?? null;
}

export async function pauseSchedule(db: Queryable, boss: PgBoss, ref: ScheduleRef, who: ControlActor): Promise<void> {
  checkRef(ref);
  const schedule = await findSchedule(boss, ref);
  if (!schedule) {
    if (await getSchedulePause(db, ref.queue, ref.key)) throw new ControlInputError(`${ref.queue}/${ref.key} is already paused`);
    throw new ControlInputError(`no schedule ${ref.queue}/${ref.key}`);
  }
  // The pause row first: if unscheduling then fails, a worker restart still leaves the schedule out.
  await insertSchedulePause(db, {
    queue: ref.queue, key: ref.key, cron: schedule.cron, timezone: schedule.timezone, data: (schedule.data ?? {}) as Record<string, unknown>,
    options: (schedule.options ?? {}) as Record<string, unknown>, pausedBy: who.actor,
  });
  await boss.unschedule(ref.queue, ref.key);
  await recordAudit({ actor: who.actor, address: who.address, action: 'schedule.pause', target: `${ref.queue}/${ref.key}`, details: { cron: schedule.cron } }, db);
}

export async function resumeSchedule(db: Queryable, boss: PgBoss, ref: ScheduleRef, who: ControlActor): Promise<void> {
  checkRef(ref);
  const pause = await getSchedulePause(db, ref.queue, ref.key);
  if (!pause) throw new ControlInputError(`${ref.queue}/${ref.key} is not paused`);
  await boss.schedule(ref.queue, pause.cron, pause.data, { ...pause.options, key: ref.key, tz: pause.timezone });
  await deleteSchedulePause(db, ref.queue, ref.key);
  await recordAudit({ actor: who.actor, address: who.address, action: 'schedule.resume', target: `${ref.queue}/${ref.key}`, details: { cron: pause.cron } }, db);
}

/** Sends the schedule's job now (paused or not: the operator asked for this one run). Returns the job id. */
export async function runScheduleNow(db: Queryable, boss: PgBoss, ref: ScheduleRef, who: ControlActor): Promise<string> {
  checkRef(ref);
  const queue = queueNamed(ref.queue);
  const schedule = await findSchedule(boss, ref);
  const data = schedule ? ((schedule.data ?? {}) as Record<string, unknown>) : (await getSchedulePause(db, ref.queue, ref.key))?.data;
  if (!data) throw new ControlInputError(`no schedule ${ref.queue}/${ref.key}`);
  const payload = queue.payload.safeParse(data);
  if (!payload.success) throw new ControlInputError(`the schedule's payload does not fit ${queue.name}: ${payload.error.issues[0]?.message}`);
  // Same singletonKey as the schedule's own jobs: on a stately queue one queued run per key is the rule.
  const jobId = await boss.send(queue.name, payload.data as object, { singletonKey: ref.key });
  if (!jobId) throw new ControlInputError(`${ref.queue}/${ref.key} already has a run waiting`);
  await recordAudit({ actor: who.actor, address: who.address, action: 'job.run', target: `${ref.queue}/${ref.key}`, details: { jobId } }, db);
  return jobId;
}

/** Keys `queue\0key` of paused schedules, for workers applying the config's schedules. */
export async function pausedScheduleKeys(db: Queryable): Promise<Set<string>> {
  return new Set((await listSchedulePauses(db)).map((p) => `${p.queue}\u0000${p.key}`));
}
