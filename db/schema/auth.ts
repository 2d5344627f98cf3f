import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import type { AdapterAccountType } from 'next-auth/adapters';
import { createdAt } from './columns';

export const userRole = pgEnum('user_role', ['viewer', 'operator', 'partner', 'admin']);
export type UserRole = (typeof userRole.enumValues)[number];

// users/accounts/sessions/verification_tokens follow @auth/drizzle-adapter's PostgreSQL tables (same TS keys
// and types; plural table names, so pass them to DrizzleAdapter(db, { usersTable, ... })). users adds our
// columns, all with defaults or nullable so the adapter can still create users.

export const users = pgTable(
  'users',
  {
    id: text()
      .primaryKey()
      .default(sql`gen_random_uuid()::text`)
      .$defaultFn(() => crypto.randomUUID()),
    name: text(),
    /** Stored lowercased (enforced), so lookups compare lower(input). */
    email: text().notNull().unique('users_email_key'),
    emailVerified: timestamp({ withTimezone: true }),
    image: text(),
    role: userRole().notNull().default('viewer'),
    /** Null for users who can only sign in another way (or not yet at all). */
    passwordHash: text(),
    disabled: boolean().notNull().default(false),
    createdAt: createdAt(),
    lastSignInAt: timestamp({ withTimezone: true }),
  },
  (t) => [check('users_email_lowercase_check', sql`${t.email} = lower(${t.email})`)],
);

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;

export const accounts = pgTable(
  'accounts',
  {
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    type: text().$type<AdapterAccountType>().notNull(),
    provider: text().notNull(),
    providerAccountId: text().notNull(),
    refresh_token: text(),
    access_token: text(),
    expires_at: integer(),
    token_type: text(),
    scope: text(),
    id_token: text(),
    session_state: text(),
  },
  (t) => [
    primaryKey({ name: 'accounts_pkey', columns: [t.provider, t.providerAccountId] }),
    index('accounts_user_id_idx').on(t.userId),
  ],
);

export type Account = typeof accounts.$inferSelect;
export type NewAccount = typeof accounts.$inferInsert;

export const sessions = pgTable(
  'sessions',
  {
    sessionToken: text().primaryKey(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expires: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index('sessions_user_id_idx').on(t.userId)],
);

export type Session = typeof sessions.$inferSelect;
export type NewSession = typeof sessions.$inferInsert;

export const verificationTokens = pgTable(
  'verification_tokens',
  {
    identifier: text().notNull(),
    token: text().notNull(),
    expires: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ name: 'verification_tokens_pkey', columns: [t.identifier, t.token] })],
);

export type VerificationToken = typeof verificationTokens.$inferSelect;
export type NewVerificationToken = typeof verificationTokens.$inferInsert;

/** Partner API tokens. Only the SHA-256 of the secret is stored; `prefix` identifies it in lists. */
export const apiTokens = pgTable('api_tokens', {
  id: integer().primaryKey().generatedAlwaysAsIdentity(),
  name: text().notNull().unique('api_tokens_name_key'),
  /** Hex SHA-256 of the whole secret. */
  tokenHash: text().notNull().unique('api_tokens_token_hash_key'),
  prefix: text().notNull(),
  /** Instrument ids the token may read; null for all instruments. */
  instruments: text().array(),
  scope: text().notNull().default('read'),
  createdBy: text().notNull(),
  createdAt: createdAt(),
  expiresAt: timestamp({ withTimezone: true }),
  revokedAt: timestamp({ withTimezone: true }),
  lastUsedAt: timestamp({ withTimezone: true }),
  lastUsedFrom: text(),
});

export type ApiToken = typeof apiTokens.$inferSelect;
export type NewApiToken = typeof apiTokens.$inferInsert;

/** Who did what from which address. Append-only; no foreign keys so it outlives what it mentions. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** A user's email, `token:<name>`, or `system`. */
    actor: text().notNull(),
    /** verb.noun, e.g. `pipeline.rerun`, `user.create`, `token.revoke`. */
    action: text().notNull(),
    target: text(),
    /** Client IP address, when the action came over HTTP. */
    address: text(),
    details: jsonb().$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index('audit_log_at_idx').on(t.at.desc().nullsFirst())],
);

export type AuditLogEntry = typeof auditLog.$inferSelect;
export type NewAuditLogEntry = typeof auditLog.$inferInsert;

/** Sign-in attempts for throttling, keyed `email:<address>` or `ip:<address>`; pruned by age. */
export const loginAttempts = pgTable(
  'login_attempts',
  {
    key: text().notNull(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    succeeded: boolean().notNull(),
  },
  (t) => [index('login_attempts_key_at_idx').on(t.key, t.at)],
);

export type LoginAttempt = typeof loginAttempts.$inferSelect;
export type NewLoginAttempt = typeof loginAttempts.$inferInsert;
