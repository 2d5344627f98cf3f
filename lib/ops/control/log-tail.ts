// Reading <data>/logs/fieldops.jsonl for the live log: the last N matching lines, then whatever is appended.
// The file is followed by polling its size (fs.watch misses appends on some filesystems and every network
// mount); a file that shrank or was replaced (rotation, truncation) is read again from its start.
import fs from 'node:fs/promises';
import { type LogEntry, type LogFilter, matchesFilter, parseLogLine } from './log-filter';

const CHUNK = 64 * 1024;
/** The tail reads at most this far back: a huge log with no matching line costs a bounded read. */
const MAX_TAIL_SCAN = 8 * 1024 * 1024;

export interface TailResult {
  entries: LogEntry[];
  /** Where following should start: the file's size when it was read (0 when it does not exist yet). */
  offset: number;
  ino: number | null;
}

export async function readLogTail(file: string, filter: LogFilter): Promise<TailResult> {
  let handle;
  try {
    handle = await fs.open(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], offset: 0, ino: null };
    throw error;
  }
  try {
    const stat = await handle.stat();
    const entries: LogEntry[] = [];
    // A last line still being written (no newline yet) is left to the follower, which will see it whole.
    const offset = await endOfLastCompleteLine(handle, stat.size);
    let end = offset;
    let carry = Buffer.alloc(0);
    while (end > 0 && entries.length < filter.lines && stat.size - end < MAX_TAIL_SCAN) {
      const start = Math.max(0, end - CHUNK);
      const chunk = Buffer.alloc(end - start);
      await handle.read(chunk, 0, chunk.length, start);
      let buffer = Buffer.concat([chunk, carry]);
      // Everything before the first newline may be the end of an earlier line: keep it for the next chunk.
      const firstNewline = start > 0 ? buffer.indexOf(10) : -1;
      carry = firstNewline >= 0 ? buffer.subarray(0, firstNewline) : start > 0 ? buffer : Buffer.alloc(0);
      buffer = firstNewline >= 0 ? buffer.subarray(firstNewline + 1) : start > 0 ? Buffer.alloc(0) : buffer;
      const lines = buffer.toString('utf8').split('\n').filter((l) => l.trim() !== '');
      for (let i = lines.length - 1; i >= 0 && entries.length < filter.lines; i--) {
        const entry = parseLogLine(lines[i]!);
        if (matchesFilter(entry, filter)) entries.push(entry);
      }
      end = start;
    }
    return { entries: entries.reverse(), offset, ino: stat.ino };
  } finally {
    await handle.close();
  }
}

async function endOfLastCompleteLine(handle: fs.FileHandle, size: number): Promise<number> {
  const start = Math.max(0, size - CHUNK);
  const buffer = Buffer.alloc(size - start);
  await handle.read(buffer, 0, buffer.length, start);
  const lastNewline = buffer.lastIndexOf(10);
  // No newline in the last 64 KiB: a runaway line; the follower cuts it, the tail skips nothing else.
  return lastNewline >= 0 ? start + lastNewline + 1 : start === 0 ? 0 : size;
}

export interface FollowOptions {
  file: string;
  offset: number;
  ino: number | null;
  filter: LogFilter;
  signal: AbortSignal;
  onEntry: (entry: LogEntry) => void;
  /** Called when the file was rotated or truncated (the page says so). */
  onReset?: () => void;
  intervalMs?: number;
}

/** Follows appends until the signal aborts. A partial last line waits for its newline. */
export async function followLog(options: FollowOptions): Promise<void> {
  let { offset, ino } = options;
  let partial = '';
  const interval = options.intervalMs ?? 500;
  while (!options.signal.aborted) {
    const stat = await fs.stat(options.file).catch(() => null);
    if (stat) {
      if ((ino !== null && stat.ino !== ino) || stat.size < offset) {
        offset = 0;
        partial = '';
        options.onReset?.();
      }
      ino = stat.ino;
      if (stat.size > offset) {
        const handle = await fs.open(options.file, 'r');
        try {
          const length = Math.min(stat.size - offset, 1024 * 1024);
          const buffer = Buffer.alloc(length);
          const { bytesRead } = await handle.read(buffer, 0, length, offset);
          offset += bytesRead;
          const lines = (partial + buffer.subarray(0, bytesRead).toString('utf8')).split('\n');
          partial = lines.pop() ?? '';
          // A "line" with no newline in sight is cut rather than buffered without limit.
          if (partial.length > 64 * 1024) {
            lines.push(partial);
            partial = '';
          }
          for (const line of lines) {
            if (line.trim() === '') continue;
            const entry = parseLogLine(line);
            if (matchesFilter(entry, options.filter)) options.onEntry(entry);
          }
          if (stat.size > offset) continue;
        } finally {
          await handle.close();
        }
      }
    }
    await sleep(interval, options.signal);
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
