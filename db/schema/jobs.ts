import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { streams, instruments } from './campaign';

export const jobOutcome = pgEnum('job_outcome', ['running', 'succeeded', 'failed', 'cancelled']);

/** One row per pipeline run. A log: no foreign keys, so recording a run can never fail on a reference. */
export const jobRuns = pgTable(
  'job_runs',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    queue: text().notNull(),
    /** pg-boss job id; null for runs started outside pg-boss (CLI). */
    jobId: text(),
    instrumentId: text(),
    /** The instrument-day the run worked on, as YYYY-MM-DD. */
    day: date(),
    startedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp({ withTimezone: true }),
    outcome: jobOutcome().notNull().default('running'),
    counts: jsonb().$type<Record<string, number>>().notNull().default({}),
    error: text(),
    workerId: text(),
  },
  (t) => [
    index('job_runs_queue_started_at_idx').on(t.queue, t.startedAt.desc().nullsFirst()),
    index('job_runs_instrument_id_day_idx').on(t.instrumentId, t.day),
    index('job_runs_job_id_idx').on(t.jobId),
  ],
);

export type JobRun = typeof jobRuns.$inferSelect;
export type NewJobRun = typeof jobRuns.$inferInsert;
export type JobOutcome = (typeof jobOutcome.enumValues)[number];

export const workerKinds = ['worker', 'web', 'poller', 'supervisor'] as const;
export type WorkerKind = (typeof workerKinds)[number];

export const workerHeartbeats = pgTable(
  'worker_heartbeats',
  {
    /** host:pid:startedAtMs */
    id: text().primaryKey(),
    kind: text().$type<WorkerKind>().notNull(),
    host: text().notNull(),
    pid: integer().notNull(),
    startedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastBeatAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    restartCount: integer().notNull().default(0),
    info: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    stoppedAt: timestamp({ withTimezone: true }),
  },
  (t) => [check('worker_heartbeats_kind_check', sql`${t.kind} in ('worker', 'web', 'poller', 'supervisor')`)],
);

export type WorkerHeartbeat = typeof workerHeartbeats.$inferSelect;
export type NewWorkerHeartbeat = typeof workerHeartbeats.$inferInsert;

/**
 * Named leases for singleton work (one live poller per logger). The fencing token only ever grows, so a
 * holder that lost its lease can be told apart from the current one in anything it writes.
 */
export const leases = pgTable('leases', {
  name: text().primaryKey(),
  holder: text().notNull(),
  fencingToken: bigint({ mode: 'number' }).notNull().default(1),
  acquiredAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp({ withTimezone: true }).notNull(),
});

export type Lease = typeof leases.$inferSelect;
export type NewLease = typeof leases.$inferInsert;

/** Gaps a live poller saw (in record numbers, or in time alone) and whether its backfill filled them. */
export const liveGaps = pgTable(
  'live_gaps',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    instrumentId: text()
      .notNull()
      .references(() => instruments.id),
    streamId: integer()
      .notNull()
      .references(() => streams.id),
    /** First and last missing record numbers, inclusive; null for a gap seen only in time. */
    fromRecord: bigint({ mode: 'number' }),
    toRecord: bigint({ mode: 'number' }),
    /** First and last missing record times. */
    fromTime: timestamp({ withTimezone: true }),
    toTime: timestamp({ withTimezone: true }),
    /** Records the logger should have written in the gap, and how many of them the backfill recovered. */
    missingRecords: integer().notNull().default(0),
    recoveredRecords: integer().notNull().default(0),
    filled: boolean().notNull().default(false),
    detectedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    filledAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index('live_gaps_instrument_id_detected_at_idx').on(t.instrumentId, t.detectedAt.desc().nullsFirst()),
    index('live_gaps_open_idx')
      .on(t.streamId, t.fromRecord)
      .where(sql`not ${t.filled}`),
  ],
);

export type LiveGap = typeof liveGaps.$inferSelect;
export type NewLiveGap = typeof liveGaps.$inferInsert;
