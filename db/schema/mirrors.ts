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
  primaryKey,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { createdAt, updatedAt } from './columns';
import { jobOutcome } from './jobs';

/** Mirrors come from the config, keyed by config id; removed ones are disabled, never deleted. */
export const mirrors = pgTable('mirrors', {
  id: text().primaryKey(),
  /** Another mirror's id, or null for the local data store. Not a foreign key: config order is free. */
  sourceId: text(),
  target: jsonb().$type<{ path: string } & Record<string, unknown>>().notNull(),
  /** Top-level areas of the store to copy (raw, products). */
  include: text().array().notNull().default([]),
  compareBy: text().notNull().default('basename'),
  /** Only files modified in the last N days; null for everything. */
  lookbackDays: integer(),
  schedule: text(),
  enabled: boolean().notNull().default(true),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
  removedFromConfigAt: timestamp({ withTimezone: true }),
});

export type Mirror = typeof mirrors.$inferSelect;
export type NewMirror = typeof mirrors.$inferInsert;

export const mirrorRuns = pgTable(
  'mirror_runs',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    mirrorId: text()
      .notNull()
      .references(() => mirrors.id),
    startedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp({ withTimezone: true }),
    outcome: jobOutcome().notNull().default('running'),
    filesCopied: integer().notNull().default(0),
    bytesCopied: bigint({ mode: 'number' }).notNull().default(0),
    error: text(),
  },
  (t) => [index('mirror_runs_mirror_id_started_at_idx').on(t.mirrorId, t.startedAt.desc().nullsFirst())],
);

export type MirrorRun = typeof mirrorRuns.$inferSelect;
export type NewMirrorRun = typeof mirrorRuns.$inferInsert;

export const mirrorAuditOutcomes = ['ok', 'missing', 'failed'] as const;
export type MirrorAuditOutcome = (typeof mirrorAuditOutcomes)[number];

/** One verification of a mirror over a window of days: what is on the source but not the target, and back. */
export const mirrorAudits = pgTable(
  'mirror_audits',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    mirrorId: text()
      .notNull()
      .references(() => mirrors.id),
    startedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp({ withTimezone: true }),
    windowStart: date().notNull(),
    windowEnd: date().notNull(),
    /** Null while the audit runs. */
    outcome: text().$type<MirrorAuditOutcome>(),
    error: text(),
    missingOnTarget: integer().notNull().default(0),
    missingOnSource: integer().notNull().default(0),
    differs: integer().notNull().default(0),
    sourceCount: integer().notNull().default(0),
    targetCount: integer().notNull().default(0),
  },
  (t) => [
    index('mirror_audits_mirror_id_started_at_idx').on(t.mirrorId, t.startedAt.desc().nullsFirst()),
    check('mirror_audits_outcome_check', sql`${t.outcome} in ('ok', 'missing', 'failed')`),
  ],
);

export type MirrorAudit = typeof mirrorAudits.$inferSelect;
export type NewMirrorAudit = typeof mirrorAudits.$inferInsert;

export const mirrorAuditItemStatus = pgEnum('mirror_audit_item_status', [
  'missing_on_target',
  'missing_on_source',
  'differs',
]);

export const mirrorAuditItems = pgTable(
  'mirror_audit_items',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    auditId: integer()
      .notNull()
      .references(() => mirrorAudits.id, { onDelete: 'cascade' }),
    relativePath: text().notNull(),
    basename: text().notNull(),
    /** Instrument and day when the path maps to one (raw/<instrument>/...), for grouping in the report. */
    instrument: text(),
    day: date(),
    status: mirrorAuditItemStatus().notNull(),
    sourceSize: bigint({ mode: 'number' }),
    targetSize: bigint({ mode: 'number' }),
  },
  (t) => [index('mirror_audit_items_audit_id_status_idx').on(t.auditId, t.status)],
);

export type MirrorAuditItem = typeof mirrorAuditItems.$inferSelect;
export type NewMirrorAuditItem = typeof mirrorAuditItems.$inferInsert;
export type MirrorAuditItemStatus = (typeof mirrorAuditItemStatus.enumValues)[number];

/**
 * Per instrument and day of an audit: the source's files and how many of them the target lacks or holds
 * differently, for the coverage grid (present = source − missing − differs). Files outside an instrument's
 * folders (products/<folder>/…) have no row: the grid is instrument × day.
 */
export const mirrorAuditDays = pgTable(
  'mirror_audit_days',
  {
    auditId: integer()
      .notNull()
      .references(() => mirrorAudits.id, { onDelete: 'cascade' }),
    instrument: text().notNull(),
    day: date().notNull(),
    sourceCount: integer().notNull(),
    missingOnTarget: integer().notNull(),
    differs: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.auditId, t.instrument, t.day] })],
);

export type MirrorAuditDay = typeof mirrorAuditDays.$inferSelect;
export type NewMirrorAuditDay = typeof mirrorAuditDays.$inferInsert;
