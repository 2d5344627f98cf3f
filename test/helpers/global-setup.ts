// Starts one PostgreSQL server for the whole run (the embedded one, or the server DATABASE_URL points at)
// and gives tests its admin URL. Each test file then creates its own database (test/helpers/db.ts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { EmbeddedCluster } from '../../lib/embedded-db/cluster';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A URL to a database on the test server from which test databases are created. */
    adminDatabaseUrl: string;
    /** Where the test cluster lives when embedded (for tests that need a data folder of their own). */
    testRoot: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const testRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldops-test-'));
  fs.chmodSync(testRoot, 0o755);
  project.provide('testRoot', testRoot);
  if (process.env.DATABASE_URL) {
    project.provide('adminDatabaseUrl', process.env.DATABASE_URL);
    return async () => fs.rmSync(testRoot, { recursive: true, force: true });
  }
  const cluster = new EmbeddedCluster(path.join(testRoot, 'db'));
  const server = await cluster.start();
  project.provide('adminDatabaseUrl', cluster.url(server.port, 'postgres'));
  return async () => {
    await cluster.stop();
    fs.rmSync(testRoot, { recursive: true, force: true });
  };
}
