// The one place that reads process.env. Everything else imports `env` from here, so a bad value fails at
// start with the variable's name instead of somewhere deep inside a request.
import path from 'node:path';
import { z } from 'zod';

const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  FIELDOPS_DATA_DIR: z.string().min(1).default('./.fieldops'),
  FIELDOPS_CONFIG: z.string().min(1).optional(),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL').optional(),
  AUTH_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  // A site's OpenID Connect provider (Auth.js names); all three or none.
  AUTH_OIDC_ISSUER: z.url('must be the issuer URL').optional(),
  AUTH_OIDC_ID: z.string().min(1).optional(),
  AUTH_OIDC_SECRET: z.string().min(1).optional(),
  AUTH_OIDC_NAME: z.string().min(1).default('Single sign-on'),
  /** The first admin `fieldops start` creates when there are no users yet. */
  FIELDOPS_ADMIN_EMAIL: z.string().regex(/^[^\s@]+@[^\s@]+$/, 'must be an email address').default('admin@localhost'),
  /** Reverse proxies in front of the web server whose X-Forwarded-For entries are trusted (0: none). */
  FIELDOPS_TRUSTED_PROXIES: z.coerce.number().int().min(0).max(10).default(0),
  /** Set by `fieldops start` for the demo campaign: where its simulated Campbell logger listens. */
  FIELDOPS_DEMO_LOGGER_URL: z.string().regex(/^https?:\/\//, 'must be an http:// URL').optional(),
  /** Partner API: most values (records × variables) one data request may return; larger ones get 413. */
  FIELDOPS_API_MAX_VALUES: z.coerce.number().int().min(1).default(50_000_000),
  /** Partner API: calls per token per minute; more get 429 with Retry-After. */
  FIELDOPS_API_RATE_LIMIT: z.coerce.number().int().min(1).default(600),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
}).superRefine((value, ctx) => {
  const oidc = ['AUTH_OIDC_ISSUER', 'AUTH_OIDC_ID', 'AUTH_OIDC_SECRET'] as const;
  const set = oidc.filter((key) => value[key] !== undefined);
  if (set.length > 0 && set.length < oidc.length) {
    for (const key of oidc.filter((k) => value[k] === undefined)) {
      ctx.addIssue({ code: 'custom', path: [key], message: `must be set together with ${set.join(', ')}` });
    }
  }
});

export type Env = z.infer<typeof envSchema> & { dataDir: string };

export class EnvError extends Error {}

/** Parses an environment (default: the process's). Exported for tests; the app uses `env`. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  // Empty strings mean "unset" (a `DATABASE_URL=` line in a unit file should not be a URL).
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new EnvError(`invalid environment: ${problems}`);
  }
  return { ...result.data, dataDir: path.resolve(result.data.FIELDOPS_DATA_DIR) };
}

let cached: Env | undefined;
/** The validated environment of this process, read once. */
export function getEnv(): Env {
  cached ??= parseEnv();
  return cached;
}
