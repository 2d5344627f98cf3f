import { defineConfig } from 'vitest/config';
import path from 'node:path';

export default defineConfig({
  resolve: { alias: { '@': import.meta.dirname } },
  test: {
    include: ['test/**/*.test.ts'],
    reporters: ['default', './test/helpers/summary-reporter.ts'],
    globalSetup: ['test/helpers/global-setup.ts'],
    // Tests share one embedded PostgreSQL cluster; each file gets its own database.
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // server-only throws outside a React server bundle; tests call server code directly.
    alias: { 'server-only': path.join(import.meta.dirname, 'test/helpers/server-only-stub.ts') },
  },
});
