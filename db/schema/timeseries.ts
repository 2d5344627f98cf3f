import { doublePrecision, integer, pgTable, real, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

// Narrow time-series tables. Deliberately:
// - no surrogate primary key: on TimescaleDB these become hypertables, where every unique index must
//   include the partitioning column, and a serial id would only add 8 bytes per value;
// - no foreign keys to streams/variables: hypertable chunks, compression and bulk COPY make per-row FK
//   checks costly (and compressed chunks cannot carry them); the append stage resolves ids from the
//   streams/variables tables in the same transaction, and those rows are never deleted.
// The unique index (stream_id, variable_id, time) makes a re-append harmless (ON CONFLICT DO NOTHING) and
// is also the index every series read uses. A custom migration converts these tables to hypertables when
// TimescaleDB is present, or adds BRIN indexes on time on plain PostgreSQL.

export const observations = pgTable(
  'observations',
  {
    time: timestamp({ withTimezone: true }).notNull(),
    streamId: integer().notNull(),
    variableId: integer().notNull(),
    /** Null is a missing value (NAN, fill value) that the file did contain a row for. */
    value: doublePrecision(),
  },
  (t) => [uniqueIndex('observations_stream_id_variable_id_time_key').on(t.streamId, t.variableId, t.time)],
);

export type Observation = typeof observations.$inferSelect;
export type NewObservation = typeof observations.$inferInsert;

/** One row per profile (a backscatter column, a set of brightness temperatures) along the variable's axis. */
export const profiles = pgTable(
  'profiles',
  {
    time: timestamp({ withTimezone: true }).notNull(),
    streamId: integer().notNull(),
    variableId: integer().notNull(),
    /** Missing elements are NaN. */
    values: real().array().notNull(),
  },
  (t) => [uniqueIndex('profiles_stream_id_variable_id_time_key').on(t.streamId, t.variableId, t.time)],
);

export type Profile = typeof profiles.$inferSelect;
export type NewProfile = typeof profiles.$inferInsert;
