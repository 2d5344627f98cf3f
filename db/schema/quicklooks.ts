import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  unique,
} from 'drizzle-orm/pg-core';
import { instruments } from './campaign';
import { createdAt } from './columns';

/** Rendered PNGs per instrument-day and kind. Stale when data newer than dataMaxTime lands for that day. */
export const quicklooks = pgTable(
  'quicklooks',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    instrumentId: text()
      .notNull()
      .references(() => instruments.id),
    day: date().notNull(),
    /** The recipe's plot name, e.g. `timeseries`, `backscatter`. */
    kind: text().notNull(),
    /** Relative to the data directory. */
    path: text().notNull(),
    /** The small copy the overview shows (relative to the data directory); null for rows drawn before it existed. */
    thumbnailPath: text(),
    generatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    dataMaxTime: timestamp({ withTimezone: true }),
    stale: boolean().notNull().default(false),
  },
  (t) => [
    unique('quicklooks_instrument_id_day_kind_key').on(t.instrumentId, t.day, t.kind),
    index('quicklooks_stale_idx').on(t.instrumentId, t.day).where(sql`${t.stale}`),
  ],
);

export type Quicklook = typeof quicklooks.$inferSelect;
export type NewQuicklook = typeof quicklooks.$inferInsert;

/** Webcam images and similar media an instrument produces as files rather than values. */
export const media = pgTable(
  'media',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    instrumentId: text()
      .notNull()
      .references(() => instruments.id),
    takenAt: timestamp({ withTimezone: true }).notNull(),
    /** Relative to the data directory. */
    path: text().notNull(),
    size: bigint({ mode: 'number' }).notNull(),
    width: integer(),
    height: integer(),
    createdAt: createdAt(),
  },
  (t) => [
    unique('media_instrument_id_path_key').on(t.instrumentId, t.path),
    index('media_instrument_id_taken_at_idx').on(t.instrumentId, t.takenAt.desc().nullsFirst()),
  ],
);

export type Media = typeof media.$inferSelect;
export type NewMedia = typeof media.$inferInsert;
