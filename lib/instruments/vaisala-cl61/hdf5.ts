// Talks to the HDF5 reader thread (hdf5-worker.mjs): one request at a time, each with a deadline. Any
// failure a file can cause (HDF5 error, wasm abort, endless loop, thread death) becomes a ParseError, and
// the thread is replaced when it crashed, hung, or has thrown enough HDF5 errors to be worn (see the worker).
// Failures a file cannot cause (the reader cannot start at all) stay plain Errors, so the job retries.
import { Worker } from 'node:worker_threads';
import { ParseError } from '../types';
import { snapshotReader, type Hdf5Reader, type Numbers, type Snapshot } from './snapshot';

const WORKER_URL = new URL('./hdf5-worker.mjs', import.meta.url);
/** Reading a CL61 file takes milliseconds; minutes mean HDF5 is looping on corrupt metadata. */
const DEFAULT_TIMEOUT_MS = 60_000;
/** Far below the ~2 000 HDF5 errors that kill a wasm instance. (The thread also asks to go after any error that left a file open.) */
const HDF5_ERRORS_PER_THREAD = 100;
/** An idle thread is stopped so that its wasm heap (which never shrinks) is given back. */
const IDLE_MS = 30_000;
/** Values of datasets larger than this are not sent back by `inspect` (none that the parser reads whole). */
const MAX_INSPECT_ELEMENTS = 5_000_000;

let timeoutMs = DEFAULT_TIMEOUT_MS;
let thread: { worker: Worker; idleTimer?: NodeJS.Timeout } | null = null;
let threadsStarted = 0;
let queue: Promise<unknown> = Promise.resolve();

type WorkerReply = { id: number; hdf5Errors: number; retire: boolean } & (
  | { result: unknown; error?: undefined }
  | { error: { kind: 'hdf5' | 'crash' | 'other'; name: string; message: string } }
);

/** Reads a file's structure, attributes and small variables; those named in `skipValues` (profiles) are left for `readRows`. */
export async function inspectHdf5(filePath: string, fileName: string, skipValues: string[]): Promise<Hdf5Reader> {
  const objects = await request<Snapshot>({ op: 'inspect', path: filePath, skipValues, maxElements: MAX_INSPECT_ELEMENTS }, fileName);
  return snapshotReader(objects, fileName);
}

/** Rows [start, end) of each named (rows x gates) variable, flattened row-major. */
export async function readRows(
  filePath: string,
  fileName: string,
  slice: { names: string[]; start: number; end: number; gates: number },
): Promise<Record<string, Numbers>> {
  type RowsReply = { rows?: Record<string, Numbers>; changed?: { name: string; shape: number[] } };
  const reply = await request<RowsReply>({ op: 'rows', path: filePath, ...slice }, fileName);
  if (reply.changed || !reply.rows) {
    const { name = '?', shape = [] } = reply.changed ?? {};
    throw new ParseError(fileName, `\`${name}\` changed while the file was being read (now [${shape.join(', ')}])`);
  }
  return reply.rows;
}

/** For tests and health checks: how many reader threads have been started. */
export const readerThreadsStarted = (): number => threadsStarted;
/** For tests: a shorter deadline, to exercise the give-up path quickly. Returns the previous value. */
export function setReadTimeoutMs(ms: number): number {
  const previous = timeoutMs;
  timeoutMs = ms;
  return previous;
}

/** Requests run one after another, so a deadline measures one file's work, not the queue ahead of it. */
function request<T>(message: Record<string, unknown>, fileName: string): Promise<T> {
  const run = queue.then(() => send<T>(message, fileName));
  queue = run.catch(() => undefined);
  return run;
}

let nextId = 1;

function send<T>(message: Record<string, unknown>, fileName: string): Promise<T> {
  const { worker } = acquireThread();
  const id = nextId++;
  return new Promise<T>((resolve, reject) => {
    const finish = (outcome: () => void, retire: boolean) => {
      clearTimeout(deadline);
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      if (retire) stopThread(worker);
      else releaseThread(worker);
      outcome();
    };
    const onMessage = (reply: WorkerReply) => {
      if (reply.id !== id) return;
      const worn = reply.retire || reply.hdf5Errors >= HDF5_ERRORS_PER_THREAD;
      if (reply.error === undefined) return finish(() => resolve(reply.result as T), worn);
      finish(() => reject(errorFromWorker(reply.error, fileName)), worn || reply.error.kind === 'crash');
    };
    // The worker catches everything a file can cause; an uncaught error means it could not start.
    const onError = (error: Error) => finish(() => reject(new Error(`the HDF5 reader thread failed: ${error.message}`)), true);
    const onExit = (code: number) =>
      finish(() => reject(new ParseError(fileName, `the HDF5 reader thread stopped (exit code ${code}) while reading this file`)), true);
    const deadline = setTimeout(() => {
      const seconds = Math.round(timeoutMs / 100) / 10;
      finish(() => reject(new ParseError(fileName, `the HDF5 reader gave up after ${seconds} s; the file's structure is probably corrupt`)), true);
    }, timeoutMs);
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    worker.postMessage({ ...message, id });
  });
}

function acquireThread(): { worker: Worker } {
  if (!thread) {
    thread = { worker: new Worker(WORKER_URL) };
    threadsStarted += 1;
  }
  clearTimeout(thread.idleTimer);
  thread.worker.ref(); // keep the process alive while a file is being read
  return thread;
}

function releaseThread(worker: Worker): void {
  if (thread?.worker !== worker) return;
  worker.unref(); // an idle reader must not keep the process alive
  thread.idleTimer = setTimeout(() => stopThread(worker), IDLE_MS).unref();
}

function stopThread(worker: Worker): void {
  if (thread?.worker === worker) thread = null;
  void worker.terminate();
}

function errorFromWorker(error: { kind: string; name: string; message: string }, fileName: string): ParseError {
  if (error.kind === 'hdf5') return new ParseError(fileName, `not a readable HDF5 file: ${summarizeHdf5Error(error.message)}`);
  if (error.kind === 'crash') return new ParseError(fileName, `the HDF5 reader crashed on this file (${error.message})`);
  return new ParseError(fileName, `could not read the HDF5 file (${error.name}: ${error.message})`);
}

/** HDF5 prints a stack of frames; the outermost says what failed, the innermost says why. */
export function summarizeHdf5Error(message: string): string {
  const frames = [...message.matchAll(/#\d+: .* in \w+\(\): (.*)$/gm)].map((match) => match[1] ?? '');
  const outer = frames[0];
  const inner = frames[frames.length - 1];
  if (!outer || !inner) return message.split('\n')[0] ?? message;
  return outer === inner ? outer : `${outer} (${inner})`;
}
