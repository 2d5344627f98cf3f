import { bigint, index, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Schedules an operator paused from the ops page. pg-boss forgets an unscheduled schedule, so its cron, data
 * and options are kept here to put it back on resume; workers skip these when they apply the config's
 * schedules at start, so a pause survives restarts.
 */
export const schedulePauses = pgTable(
  'schedule_pauses',
  {
    queue: text().notNull(),
    key: text().notNull(),
    cron: text().notNull(),
    timezone: text().notNull().default('UTC'),
    data: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    options: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    pausedBy: text().notNull(),
    pausedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: 'schedule_pauses_pkey', columns: [t.queue, t.key] })],
);

export type SchedulePause = typeof schedulePauses.$inferSelect;
export type NewSchedulePause = typeof schedulePauses.$inferInsert;

export const componentActions = ['start', 'stop', 'restart'] as const;
export type ComponentAction = (typeof componentActions)[number];
export const componentCommandStates = ['pending', 'running', 'done', 'failed'] as const;
export type ComponentCommandState = (typeof componentCommandStates)[number];

/**
 * The control channel between the web tier and the supervisors: the ops page inserts a command (and
 * NOTIFYs), the supervisor on that host claims it, acts on its child process and writes the result.
 */
export const componentCommands = pgTable(
  'component_commands',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** The supervised child's name: `web`, `worker`, `demo-files`. */
    component: text().notNull(),
    /** The supervisor's host that should act. */
    host: text().notNull(),
    action: text().$type<ComponentAction>().notNull(),
    requestedBy: text().notNull(),
    requestedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    state: text().$type<ComponentCommandState>().notNull().default('pending'),
    handledBy: text(),
    handledAt: timestamp({ withTimezone: true }),
    result: text(),
  },
  (t) => [index('component_commands_host_state_idx').on(t.host, t.state), index('component_commands_requested_at_idx').on(t.requestedAt.desc())],
);

export type ComponentCommand = typeof componentCommands.$inferSelect;
export type NewComponentCommand = typeof componentCommands.$inferInsert;
