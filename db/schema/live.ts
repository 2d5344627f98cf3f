import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { instruments, streams } from './campaign';
import { updatedAt } from './columns';

// Live feeds (Campbell DataQuery pollers). `live_gaps` lives in ./jobs.ts beside the leases.

export const liveFeedStates = ['starting', 'receiving', 'retrying', 'failed', 'stopped'] as const;
export type LiveFeedState = (typeof liveFeedStates)[number];

/** One row per live instrument: where its poller left off and how it is doing, for restarts and ops pages. */
export const liveFeeds = pgTable('live_feeds', {
  instrumentId: text()
    .primaryKey()
    .references(() => instruments.id),
  /** The stream (table version) of the newest stored record. */
  streamId: integer().references(() => streams.id),
  signature: text(),
  /** The newest stored record: the logger's record number and its (corrected) time. */
  lastRecordNo: bigint({ mode: 'number' }),
  lastRecordTime: timestamp({ withTimezone: true }),
  lastReceivedAt: timestamp({ withTimezone: true }),
  recordsReceived: bigint({ mode: 'number' }).notNull().default(0),
  /** Repeated logger time stamps moved to previous + 1 s. */
  timestampCorrections: integer().notNull().default(0),
  state: text().$type<LiveFeedState>().notNull().default('starting'),
  consecutiveFailures: integer().notNull().default(0),
  /** Why the last poll failed (kept after recovery, with its time, so ops can see what happened). */
  lastError: text(),
  lastErrorAt: timestamp({ withTimezone: true }),
  /** The worker job holding the feed's lease. */
  holder: text(),
  updatedAt: updatedAt(),
});

export type LiveFeed = typeof liveFeeds.$inferSelect;
export type NewLiveFeed = typeof liveFeeds.$inferInsert;

/**
 * The live feed's journal: one row per record as it arrived, values keyed by variable name. Its identity is
 * the SSE event id, so a reconnecting browser (Last-Event-ID) catches up on exactly what it missed, backfilled
 * records included, which a cursor on record time could not do. `observations` stays the store of record;
 * the poller trims this table to a few days.
 */
export const liveRecords = pgTable(
  'live_records',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    instrumentId: text().notNull(),
    streamId: integer().notNull(),
    recordNo: bigint({ mode: 'number' }).notNull(),
    time: timestamp({ withTimezone: true }).notNull(),
    receivedAt: timestamp({ withTimezone: true }).notNull().default(sql`now()`),
    values: jsonb().$type<Record<string, number | null>>().notNull(),
  },
  (t) => [
    uniqueIndex('live_records_stream_id_time_key').on(t.streamId, t.time),
    index('live_records_instrument_id_id_idx').on(t.instrumentId, t.id),
    index('live_records_instrument_id_time_idx').on(t.instrumentId, t.time),
  ],
);

export type LiveRecordRow = typeof liveRecords.$inferSelect;
export type NewLiveRecordRow = typeof liveRecords.$inferInsert;
