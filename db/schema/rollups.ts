import { bigint, doublePrecision, integer, pgTable, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

// Roll-ups of `observations`, for typed reads only. Deliberately NOT exported from ./index.ts, so drizzle-kit
// never generates DDL for them: a hand-written custom migration creates them as plain tables (refreshed by a
// pg-boss job) on PostgreSQL, or as continuous aggregates on TimescaleDB, under these same names and columns.
// Import from '@/db/schema/rollups'.

const rollupColumns = () => ({
  bucket: timestamp({ withTimezone: true }).notNull(),
  streamId: integer().notNull(),
  variableId: integer().notNull(),
  min: doublePrecision(),
  max: doublePrecision(),
  mean: doublePrecision(),
  sum: doublePrecision(),
  /** Non-null values in the bucket (count(value)); mean = sum / count. */
  count: bigint({ mode: 'number' }).notNull(),
});

export const observations1m = pgTable('observations_1m', rollupColumns(), (t) => [
  uniqueIndex('observations_1m_stream_id_variable_id_bucket_key').on(t.streamId, t.variableId, t.bucket),
]);

export type Observation1m = typeof observations1m.$inferSelect;
export type NewObservation1m = typeof observations1m.$inferInsert;

export const observations1h = pgTable('observations_1h', rollupColumns(), (t) => [
  uniqueIndex('observations_1h_stream_id_variable_id_bucket_key').on(t.streamId, t.variableId, t.bucket),
]);

export type Observation1h = typeof observations1h.$inferSelect;
export type NewObservation1h = typeof observations1h.$inferInsert;
