// One supervised child process (the web server or a worker): started with tsx, restarted with exponential
// backoff when it dies unexpectedly, stopped with SIGTERM (then SIGKILL) when the supervisor stops.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import readline from 'node:readline';
import { projectRoot } from '../paths';
import { childLineFormatter, note } from './console';

export interface ChildSpec {
  name: string;
  /** TypeScript entry file, relative to the project root. */
  entry: string;
  env: NodeJS.ProcessEnv;
  /** How long SIGTERM may take before SIGKILL (a worker lets running jobs finish). */
  stopTimeoutMs: number;
  jsonLog: fs.WriteStream | null;
}

const MIN_BACKOFF_MS = 1000;
const MAX_BACKOFF_MS = 30_000;
/** A child that ran this long before dying is considered healthy again: the backoff starts over. */
const HEALTHY_UPTIME_MS = 60_000;

export class SupervisedChild {
  private child: ChildProcess | null = null;
  private stopping = false;
  private restarts = 0;
  private consecutiveFailures = 0;
  private startedAt = 0;
  private restartTimer: NodeJS.Timeout | null = null;
  private readyWaiters: (() => void)[] = [];

  constructor(private readonly spec: ChildSpec) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get name(): string {
    return this.spec.name;
  }

  get running(): boolean {
    return this.child !== null;
  }

  /** What the ops page shows for this child (kept in the supervisor's heartbeat row). */
  status(): { name: string; pid: number | null; running: boolean; restarts: number; startedAt: string | null; stopped: boolean } {
    return { name: this.spec.name, pid: this.child?.pid ?? null, running: this.running, restarts: this.restarts,
      startedAt: this.startedAt ? new Date(this.startedAt).toISOString() : null, stopped: this.stopping };
  }

  start(): void {
    // Also after an operator's stop: a start from the ops page puts it back under supervision.
    this.stopping = false;
    this.startedAt = Date.now();
    const child = spawn(process.execPath, ['--import', 'tsx', this.spec.entry], {
      cwd: projectRoot,
      // Own process group: a terminal's Ctrl-C reaches only the supervisor, which stops children in order.
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      env: { ...this.spec.env, FIELDOPS_RESTART_COUNT: String(this.restarts) },
    });
    this.child = child;
    const format = childLineFormatter(this.spec.name, this.spec.jsonLog);
    readline.createInterface({ input: child.stdout! }).on('line', format);
    readline.createInterface({ input: child.stderr! }).on('line', format);
    child.on('message', (message: { type?: string }) => {
      if (message?.type === 'ready') this.readyWaiters.splice(0).forEach((resolve) => resolve());
    });
    child.once('exit', (code, signal) => this.onExit(child, code, signal));
  }

  /** Resolves when the child reports it is ready (or immediately if it already did since the last start). */
  whenReady(): Promise<void> {
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  private onExit(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (this.child !== child) return;
    this.child = null;
    if (this.stopping) return;
    const uptime = Date.now() - this.startedAt;
    this.consecutiveFailures = uptime > HEALTHY_UPTIME_MS ? 1 : this.consecutiveFailures + 1;
    const delay = Math.min(MAX_BACKOFF_MS, MIN_BACKOFF_MS * 2 ** (this.consecutiveFailures - 1));
    const why = signal ? `was killed by ${signal}` : `exited with code ${code}`;
    note(`${this.spec.name} ${why} after ${Math.round(uptime / 1000)} s; restarting in ${delay / 1000} s (restart #${this.restarts + 1})`);
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      this.restarts += 1;
      if (!this.stopping) this.start();
    }, delay);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => {
      note(`${this.spec.name} did not stop within ${this.spec.stopTimeoutMs / 1000} s; killing it`);
      child.kill('SIGKILL');
    }, this.spec.stopTimeoutMs);
    await exited;
    clearTimeout(timer);
  }

  /** An operator's restart: a clean stop, then a start that counts as a restart. */
  async restart(): Promise<void> {
    await this.stop();
    this.restarts += 1;
    this.start();
  }

  /** Immediate stop, for a second Ctrl-C. */
  kill(): void {
    this.stopping = true;
    this.child?.kill('SIGKILL');
  }
}
