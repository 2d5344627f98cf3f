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
    // expect.poll waits for a real effect (a server action answering, a job finishing, a page drawing) on a
    // 2-core machine that also runs the database, the web server and Chromium: 1 s, Vitest's default, is
    // shorter than a busy moment. A poll whose effect never comes still fails, 10 s later.
    expect: { poll: { timeout: 10_000 } },
    // server-only throws outside a React server bundle; tests call server code directly.
    alias: { 'server-only': path.join(import.meta.dirname, 'test/helpers/server-only-stub.ts') },
  },
});
