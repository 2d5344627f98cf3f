import {
  bigint,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  unique,
} from 'drizzle-orm/pg-core';
import { createdAt, updatedAt } from './columns';

export const alertState = pgEnum('alert_state', ['ok', 'pending', 'firing', 'resolved', 'nodata']);

/** Current state of one rule for one series (a rule with labels matching several series has several rows). */
export const alerts = pgTable(
  'alerts',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    ruleName: text().notNull(),
    /** Stable key of the series' labels, e.g. `component=feed:van1,instrument=van1`. */
    seriesKey: text().notNull(),
    labels: jsonb().$type<Record<string, string>>().notNull().default({}),
    /** Copied from the rule when it is evaluated, so history reads right after the config changes. */
    severity: text(),
    state: alertState().notNull().default('ok'),
    value: doublePrecision(),
    pendingSince: timestamp({ withTimezone: true }),
    firingSince: timestamp({ withTimezone: true }),
    resolvedAt: timestamp({ withTimezone: true }),
    lastNotifiedAt: timestamp({ withTimezone: true }),
    acknowledgedBy: text(),
    acknowledgedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('alerts_rule_name_series_key_key').on(t.ruleName, t.seriesKey),
    index('alerts_state_idx').on(t.state),
  ],
);

export type Alert = typeof alerts.$inferSelect;
export type NewAlert = typeof alerts.$inferInsert;
export type AlertState = (typeof alertState.enumValues)[number];

export const alertEvents = pgTable(
  'alert_events',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    alertId: integer()
      .notNull()
      .references(() => alerts.id, { onDelete: 'cascade' }),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    fromState: alertState().notNull(),
    toState: alertState().notNull(),
    value: doublePrecision(),
    message: text(),
  },
  (t) => [
    index('alert_events_alert_id_at_idx').on(t.alertId, t.at.desc().nullsFirst()),
    index('alert_events_at_idx').on(t.at.desc().nullsFirst()),
  ],
);

export type AlertEvent = typeof alertEvents.$inferSelect;
export type NewAlertEvent = typeof alertEvents.$inferInsert;

/** Mutes notifications for alerts whose labels match every key of `matcher` while now is in [startsAt, endsAt). */
export const silences = pgTable(
  'silences',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    matcher: jsonb().$type<Record<string, string>>().notNull(),
    startsAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    endsAt: timestamp({ withTimezone: true }).notNull(),
    createdBy: text().notNull(),
    reason: text(),
    createdAt: createdAt(),
  },
  (t) => [index('silences_ends_at_idx').on(t.endsAt)],
);

export type Silence = typeof silences.$inferSelect;
export type NewSilence = typeof silences.$inferInsert;

export const outboxState = pgEnum('outbox_state', ['pending', 'sending', 'sent', 'failed']);

export interface OutboxAttachment {
  filename: string;
  contentType?: string;
  /** A file on disk (quicklook PNG, report CSV) read at send time. */
  path: string;
}

/** Every email the system sent or failed to send. Written in the same transaction as what caused it. */
export const outbox = pgTable(
  'outbox',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    createdAt: createdAt(),
    /** alert, report, test, ... */
    kind: text().notNull(),
    toAddresses: text().array().notNull(),
    subject: text().notNull(),
    textBody: text().notNull(),
    htmlBody: text(),
    attachments: jsonb().$type<OutboxAttachment[]>().notNull().default([]),
    state: outboxState().notNull().default('pending'),
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastError: text(),
    sentAt: timestamp({ withTimezone: true }),
    /** Makes enqueueing the same notification twice harmless (ON CONFLICT DO NOTHING). */
    dedupeKey: text().unique('outbox_dedupe_key_key'),
  },
  (t) => [
    index('outbox_state_next_attempt_at_idx').on(t.state, t.nextAttemptAt),
    index('outbox_created_at_idx').on(t.createdAt.desc().nullsFirst()),
  ],
);

export type OutboxMessage = typeof outbox.$inferSelect;
export type NewOutboxMessage = typeof outbox.$inferInsert;
export type OutboxState = (typeof outboxState.enumValues)[number];
