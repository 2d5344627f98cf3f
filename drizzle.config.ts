import { defineConfig } from 'drizzle-kit';

// Used by drizzle-kit only (generate). The app applies migrations itself with drizzle-orm's migrator.
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema/index.ts',
  out: './drizzle',
  // camelCase TS keys map to snake_case columns. The runtime client must be created with the same
  // `casing: 'snake_case'`, or its queries will name camelCase columns that do not exist.
  casing: 'snake_case',
  dbCredentials: { url: process.env.DATABASE_URL ?? '' },
  strict: true,
  verbose: true,
});
