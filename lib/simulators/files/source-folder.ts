// How a simulated instrument puts files into its source folder, and which mtime each file gets.
//
// source-sync chooses files by mtime (the lookback window) and leaves alone any file modified within its
// minAge (10 s by default), so mtimes are part of what the demo simulates:
// - a file written on time gets the current time, as a real one would;
// - a file written while catching up (the backfill on a fresh start, the gap after a restart) gets the time
//   the instrument would have written it, but at least SETTLED_MS in the past, so the first sync takes the
//   whole backfill instead of waiting a round for the newest files.
import fs from 'node:fs';
import path from 'node:path';
import type { SimClock } from '../campbell-logger/clock';

/** Older than source-sync's default minAge (10 s), with a margin. */
export const SETTLED_MS = 15_000;
/** A write this close to its due time counts as on time (timers fire a little late). */
const ON_TIME_MS = 2_000;

export function mtimeFor(dueMs: number, nowMs: number): number {
  return nowMs - dueMs <= ON_TIME_MS ? nowMs : Math.min(dueMs, nowMs - SETTLED_MS);
}

export class SourceFolder {
  constructor(
    readonly root: string,
    private readonly clock: SimClock,
  ) {}

  pathOf(relativePath: string): string {
    return path.join(this.root, ...relativePath.split('/'));
  }

  /** A whole file, made visible at once: written under a hidden name (source-sync never lists those), then renamed. */
  async writeWith(relativePath: string, dueMs: number, write: (temporaryPath: string) => Promise<void>): Promise<string> {
    const full = this.pathOf(relativePath);
    await fs.promises.mkdir(path.dirname(full), { recursive: true });
    const temporary = path.join(path.dirname(full), `.${path.basename(full)}.partial`);
    try {
      await write(temporary);
      setMtime(temporary, mtimeFor(dueMs, this.clock.now()));
      await fs.promises.rename(temporary, full);
    } finally {
      await fs.promises.rm(temporary, { force: true });
    }
    return full;
  }

  writeFile(relativePath: string, dueMs: number, bytes: Buffer | string): Promise<string> {
    return this.writeWith(relativePath, dueMs, (temporary) => fs.promises.writeFile(temporary, bytes));
  }

  /**
   * Appends to a file that grows (a logger's daily table file), starting it with `header` when it does not
   * exist yet. One write call per record, so a reader sees whole lines (or a last one still without its line
   * end, which the TOA5 parser leaves for the next time).
   */
  async append(relativePath: string, dueMs: number, header: string, text: string): Promise<string> {
    const full = this.pathOf(relativePath);
    await fs.promises.mkdir(path.dirname(full), { recursive: true });
    const exists = fs.existsSync(full);
    await fs.promises.appendFile(full, exists ? text : header + text);
    setMtime(full, mtimeFor(dueMs, this.clock.now()));
    return full;
  }
}

export function setMtime(file: string, mtimeMs: number): void {
  const time = new Date(mtimeMs);
  fs.utimesSync(file, time, time);
}
