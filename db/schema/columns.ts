import { timestamp } from 'drizzle-orm/pg-core';

// Functions, not shared builder objects, so that every table gets its own column instances.
//
// Newest-first indexes are declared `.desc().nullsFirst()`: drizzle-kit writes a bare `.desc()` as
// DESC NULLS LAST, which PostgreSQL cannot use to serve `ORDER BY x DESC` (that means NULLS FIRST).

export const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();

export const updatedAt = () =>
  timestamp({ withTimezone: true })
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date());
