// What each simulated instrument tells the scheduler: how often it writes, how long after the end of a
// period its file appears, and how to write the file for one period.
import type { Site } from './solar';
import type { SourceFolder } from './source-folder';

export interface Producer {
  /** The demo instrument, which is also the name of its source folder (demoSourceDir). */
  instrument: string;
  /** Length of the period one write covers (one TOA5 record, one CL61 file, ...). */
  periodMs: number;
  /**
   * How long after its period ends the write happens. Real loggers are collected, and real instruments
   * close their files, a little after the period; it also keeps writes off the minute marks, when the
   * demo's syncs run and would otherwise find every file still settling.
   */
  delayMs: number;
  /** Writes the data of [periodStartMs, periodStartMs + periodMs); the write is due at `dueMs`. */
  write(period: { startMs: number; dueMs: number }, folder: SourceFolder): Promise<void>;
}

export interface ProducerContext {
  site: Site;
}

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** UTC calendar fields of an instant, zero-padded, for file names and dated folders. */
export function utcFields(ms: number): { yyyy: string; yy: string; mm: string; dd: string; hh: string; mi: string; ss: string } {
  const d = new Date(ms);
  const yyyy = pad(d.getUTCFullYear(), 4);
  return {
    yyyy,
    yy: yyyy.slice(2),
    mm: pad(d.getUTCMonth() + 1),
    dd: pad(d.getUTCDate()),
    hh: pad(d.getUTCHours()),
    mi: pad(d.getUTCMinutes()),
    ss: pad(d.getUTCSeconds()),
  };
}

export const round = (value: number, digits: number): number => Number(value.toFixed(digits));
