import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  unique,
} from 'drizzle-orm/pg-core';
import type { FileMeta } from '../../lib/instruments/types';
import { instruments } from './campaign';

export const fileState = pgEnum('file_state', ['discovered', 'fetched', 'appended', 'failed', 'quarantined']);

/**
 * The ledger: one row per source file ever seen. (instrument_id, relative_path) is the file's identity, so
 * listing the same file again updates its row instead of adding one; a file that grew or changed goes back
 * to `fetched` and is appended from `appendedThrough` on.
 */
export const files = pgTable(
  'files',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    instrumentId: text()
      .notNull()
      .references(() => instruments.id),
    /** Path below the instrument's source root, with forward slashes. */
    relativePath: text().notNull(),
    basename: text().notNull(),
    size: bigint({ mode: 'number' }).notNull(),
    mtime: timestamp({ withTimezone: true }).notNull(),
    /** Hex digest of the fetched copy; null until fetched. */
    sha256: text(),
    firstSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    fetchedAt: timestamp({ withTimezone: true }),
    appendedAt: timestamp({ withTimezone: true }),
    state: fileState().notNull().default('discovered'),
    error: text(),
    rowsAppended: bigint({ mode: 'number' }).notNull().default(0),
    valuesAppended: bigint({ mode: 'number' }).notNull().default(0),
    dataStart: timestamp({ withTimezone: true }),
    dataEnd: timestamp({ withTimezone: true }),
    /** It arrived after its day had been processed (its quicklooks went stale). */
    late: boolean().notNull().default(false),
    /** Latest data time already appended; a grown file is re-parsed with rows after this only. */
    appendedThrough: timestamp({ withTimezone: true }),
    /** What the parser read from the header (format, station, logger, program, serial). */
    meta: jsonb().$type<FileMeta>(),
    attempts: integer().notNull().default(0),
  },
  (t) => [
    unique('files_instrument_id_relative_path_key').on(t.instrumentId, t.relativePath),
    index('files_instrument_id_state_idx').on(t.instrumentId, t.state),
    index('files_instrument_id_data_start_idx').on(t.instrumentId, t.dataStart),
  ],
);

export type LedgerFile = typeof files.$inferSelect;
export type NewLedgerFile = typeof files.$inferInsert;
export type FileState = (typeof fileState.enumValues)[number];
