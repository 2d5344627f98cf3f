// The production web server on a port of our choosing that can be stopped and started again on the same
// port and data folder (sessions and browser connections come back to the same address): for tests of
// what a browser does while its server is away.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fetchHealthz, freePort, REPO_ROOT, waitFor } from './fieldops-process';
import { ensureWebBuild } from './web-build';

export class RestartableWebServer {
  private child: ChildProcess | null = null;
  private log = '';
  readonly dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldops-web-'));

  private constructor(readonly port: number, private readonly env: Record<string, string>) {}

  static async create(env: Record<string, string>): Promise<RestartableWebServer> {
    await ensureWebBuild();
    return new RestartableWebServer(await freePort(), env);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  output(): string {
    return this.log;
  }

  async start(): Promise<void> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'lib/web/server.ts'], {
      cwd: REPO_ROOT,
      env: { ...process.env, PORT: String(this.port), HOST: '127.0.0.1', FIELDOPS_DATA_DIR: this.dataDir, LOG_LEVEL: 'warn', ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stdout!.on('data', (d: Buffer) => (this.log += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (this.log += d.toString()));
    await waitFor('the web server', async () => {
      if (child.exitCode !== null) throw new Error(`web server exited early:\n${this.log}`);
      return fetchHealthz(this.port);
    }, 60_000);
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }

  async dispose(): Promise<void> {
    await this.stop();
    fs.rmSync(this.dataDir, { recursive: true, force: true });
  }
}
