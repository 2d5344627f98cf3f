import {
  boolean,
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
import type { VariableMeta } from '../../lib/instruments/types';
import { createdAt, updatedAt } from './columns';

// Sites and instruments mirror fieldops.config.yaml and are keyed by their config ids. Removing one from the
// config disables it and stamps removedFromConfigAt; rows are never deleted, because files, streams and
// quicklooks keep pointing at them.

export const sites = pgTable('sites', {
  id: text().primaryKey(),
  name: text().notNull(),
  lat: doublePrecision(),
  lon: doublePrecision(),
  timezone: text().notNull().default('UTC'),
  enabled: boolean().notNull().default(true),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
  removedFromConfigAt: timestamp({ withTimezone: true }),
});

export type Site = typeof sites.$inferSelect;
export type NewSite = typeof sites.$inferInsert;

export const instruments = pgTable(
  'instruments',
  {
    id: text().primaryKey(),
    siteId: text()
      .notNull()
      .references(() => sites.id),
    kind: text().notNull(),
    name: text().notNull(),
    /** The config lists it and does not disable it. */
    enabled: boolean().notNull().default(true),
    /** An operator paused it from the UI; survives config reloads. */
    paused: boolean().notNull().default(false),
    expectedIntervalSeconds: doublePrecision(),
    /** The instrument clock's zone, for formats that write local time without an offset. */
    timezone: text().notNull().default('UTC'),
    source: jsonb().$type<Record<string, unknown>>(),
    schedule: jsonb().$type<Record<string, string>>(),
    logger: jsonb().$type<Record<string, unknown>>(),
    settings: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    /** The config's own key variables for the overview (null: the kind's, else the first variables). */
    keyVariables: text().array(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    removedFromConfigAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('instruments_site_id_idx').on(t.siteId)],
);

export type Instrument = typeof instruments.$inferSelect;
export type NewInstrument = typeof instruments.$inferInsert;

/** One table of an instrument (a logger's `Public` table). A logger program change starts a new version. */
export const streams = pgTable(
  'streams',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    instrumentId: text()
      .notNull()
      .references(() => instruments.id),
    name: text().notNull(),
    version: integer().notNull().default(1),
    /** Identifies the layout (e.g. a hash of header lines) so a changed program is noticed. */
    signature: text(),
    createdAt: createdAt(),
  },
  (t) => [unique('streams_instrument_id_name_version_key').on(t.instrumentId, t.name, t.version)],
);

export type Stream = typeof streams.$inferSelect;
export type NewStream = typeof streams.$inferInsert;

export const variableShape = pgEnum('variable_shape', ['scalar', 'profile']);

export const variables = pgTable(
  'variables',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    streamId: integer()
      .notNull()
      .references(() => streams.id),
    name: text().notNull(),
    unit: text(),
    processing: text(),
    shape: variableShape().notNull().default('scalar'),
    axis: jsonb().$type<NonNullable<VariableMeta['axis']>>(),
    attributes: jsonb().$type<NonNullable<VariableMeta['attributes']>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [unique('variables_stream_id_name_key').on(t.streamId, t.name)],
);

export type Variable = typeof variables.$inferSelect;
export type NewVariable = typeof variables.$inferInsert;
