// The live poller: FeedSync once per poll interval, for as long as the job runs. Failures talking to the
// logger are retried after a delay (each retry starts by looking at the newest record, so whatever was
// missed becomes a recorded, backfilled gap); after `retryMax` in a row it gives up with an error that
// names the last cause, so the job fails visibly and pg-boss restarts it. Storage errors are not retried
// here: they are not the logger's fault, and the job's own retry is the right place for them.
import { LoggerHttpError, LoggerUnreachableError, type DataQueryClient } from './dataquery-client';
import { DataQueryCommandError, DataQueryFormatError } from './dataquery-response';
import { FeedSync, type SyncCounts } from './feed-sync';
import type { LiveStore } from './store';

export interface PollerLog {
  info(message: string): void;
  warn(message: string): void;
}

export interface PollerOptions {
  client: DataQueryClient;
  store: LiveStore;
  signal: AbortSignal;
  pollIntervalMs: number;
  retryMax: number;
  retryDelayMs: number;
  /** The logger's record interval: the step for repeated time stamps and the yardstick for time gaps. */
  recordIntervalMs: number;
  /** Return normally after this long (a job's shift); default: until aborted. */
  runForMs?: number;
  now?: () => number;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  log?: PollerLog;
}

export interface PollerSummary extends SyncCounts {
  polls: number;
  failures: number;
  ended: 'aborted' | 'shift-over';
}

export class LivePollFailedError extends Error {}

export function isLoggerError(error: unknown): boolean {
  return error instanceof LoggerUnreachableError || error instanceof LoggerHttpError
    || error instanceof DataQueryCommandError || error instanceof DataQueryFormatError;
}

/** Resolves after `ms`, or at once when the signal aborts (never rejects). */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted || ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

export async function runLivePoller(options: PollerOptions): Promise<PollerSummary> {
  const { store, signal } = options;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? abortableSleep;
  const sync = new FeedSync(options.client, store, options.recordIntervalMs, signal);
  const started = now();
  let polls = 0;
  let failures = 0;
  let totalFailures = 0;
  let needResume = true;
  const summary = (ended: PollerSummary['ended']): PollerSummary => ({ ...sync.counts, polls, failures: totalFailures, ended });

  await sync.load();
  await store.reportState('starting');
  while (!signal.aborted) {
    if (options.runForMs !== undefined && now() - started >= options.runForMs) return summary('shift-over');
    const cycleStarted = now();
    let more = false;
    try {
      if (needResume) {
        await sync.resume();
        more = true;
      } else {
        more = await sync.poll();
      }
      polls += 1;
      if (needResume || failures > 0) await store.reportState('receiving', { consecutiveFailures: 0 });
      needResume = false;
      failures = 0;
    } catch (error) {
      if (signal.aborted) break;
      if (!isLoggerError(error)) throw error;
      failures += 1;
      totalFailures += 1;
      needResume = true;
      const message = (error as Error).message;
      if (failures >= options.retryMax) {
        await store.reportState('failed', { error: message, consecutiveFailures: failures });
        throw new LivePollFailedError(`gave up after ${failures} consecutive failed polls (retryMax ${options.retryMax}); the last: ${message}`);
      }
      await store.reportState('retrying', { error: message, consecutiveFailures: failures });
      options.log?.warn(`poll failed (${failures}/${options.retryMax}), retrying in ${options.retryDelayMs / 1000} s: ${message}`);
      await sleep(options.retryDelayMs, signal);
      continue;
    }
    if (!more) await sleep(Math.max(0, options.pollIntervalMs - (now() - cycleStarted)), signal);
  }
  await store.reportState('stopped');
  return summary('aborted');
}
