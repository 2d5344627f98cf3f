import { doublePrecision, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Observe-only readings of components, disks and feeds. No primary key: a custom migration makes it a
 * hypertable on TimescaleDB (with retention), where a key would have to include time anyway.
 */
export const healthSnapshots = pgTable(
  'health_snapshots',
  {
    time: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** What was observed: `worker:<id>`, `disk:/data`, `feed:van1`, `instrument:cl61`. */
    component: text().notNull(),
    /** e.g. feed_age_seconds, disk_used_percent; alert rules match on it. */
    metric: text().notNull(),
    labels: jsonb().$type<Record<string, string>>().notNull().default({}),
    value: doublePrecision(),
  },
  (t) => [index('health_snapshots_metric_component_time_idx').on(t.metric, t.component, t.time.desc().nullsFirst())],
);

export type HealthSnapshot = typeof healthSnapshots.$inferSelect;
export type NewHealthSnapshot = typeof healthSnapshots.$inferInsert;
