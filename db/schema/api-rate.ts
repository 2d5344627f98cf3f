import { integer, pgTable, primaryKey, timestamp } from 'drizzle-orm/pg-core';

/**
 * Partner API calls per token per fixed window. Kept in PostgreSQL (not in process memory) so that every
 * web server in front of the same database enforces one shared limit.
 */
export const apiRateWindows = pgTable(
  'api_rate_windows',
  {
    tokenId: integer().notNull(),
    windowStart: timestamp({ withTimezone: true }).notNull(),
    calls: integer().notNull().default(0),
  },
  (t) => [primaryKey({ name: 'api_rate_windows_pkey', columns: [t.tokenId, t.windowStart] })],
);

export type ApiRateWindow = typeof apiRateWindows.$inferSelect;
