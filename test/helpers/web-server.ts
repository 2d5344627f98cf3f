// Starts the production web server (the same entry `fieldops start` supervises) against a test database,
// for HTTP and browser tests that do not need the whole supervisor.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fetchHealthz, freePort, REPO_ROOT, waitFor } from './fieldops-process';
import { ensureWebBuild } from './web-build';

export interface TestWebServer {
  url: string;
  port: number;
  /** The server process (benchmarks read its memory from /proc/<pid>/status). */
  pid: number;
  dataDir: string;
  output(): string;
  stop(): Promise<void>;
}

export async function startWebServer(options: { databaseUrl: string; env?: Record<string, string> }): Promise<TestWebServer> {
  await ensureWebBuild();
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldops-web-'));
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'lib/web/server.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, DATABASE_URL: options.databaseUrl, PORT: String(port), HOST: '127.0.0.1', FIELDOPS_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  await waitFor('the web server', async () => {
    if (child.exitCode !== null) throw new Error(`web server exited early:\n${output}`);
    return fetchHealthz(port);
  }, 60_000);
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    pid: child.pid!,
    dataDir,
    output: () => output,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
