// What a family reader learns from a header: the clock reference, facts for the ledger, and the exact byte
// layout of what follows, so the whole file size can be checked before a single record is decoded.

import type { BatchCollector } from './batches';
import type { BinaryCursor } from './binary-cursor';
import type { FileCodeInfo } from './file-codes';

export interface RecordContext {
  /** RPG seconds since 2001-01-01 -> UTC ms, with timeRef and timezone applied. */
  timeMs(rpgSeconds: number): number;
  out: BatchCollector;
}

export interface RecordSection {
  /** Used in messages, e.g. `BRT record`. */
  label: string;
  count: number;
  recordSize: number;
  /** Bytes between the previous section and this one's records (HPC's relative-humidity min/max). */
  preambleSize?: number;
  /** Must consume exactly `recordSize` bytes; the reader checks. */
  readRecord(cursor: BinaryCursor, context: RecordContext): void;
}

export interface FamilyLayout {
  timeRef: number;
  attributes: Record<string, string | number | null>;
  sections: RecordSection[];
}

/** Reads the header after the file code; the cursor is left at the first record. */
export type LayoutReader = (cursor: BinaryCursor, info: FileCodeInfo) => FamilyLayout;

/** Bytes the header promises after its end. */
export function promisedBytes(layout: FamilyLayout): number {
  return layout.sections.reduce(
    (sum, section) => sum + (section.preambleSize ?? 0) + section.count * section.recordSize,
    0,
  );
}
