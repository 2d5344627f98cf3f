// What TOA5 and TOB1 share once a record is decoded: logger clock -> UTC, the afterTimeMs filter,
// RECORD bookkeeping, batching, and the counters that end up in FileMeta.attributes.

import type { ScalarBatch, ScalarRow, VariableMeta } from '../types';
import type { ZoneClock } from '../../time/zone-clock';

export const DEFAULT_BATCH_SIZE = 5000;

/**
 * Facts found while reading rows. They are written into meta.attributes as parsing goes, so they are
 * complete once the batches have been consumed.
 */
export class RowCounters {
  /** Rows yielded in batches. */
  rows = 0;
  /** Rows dropped because their time was <= options.afterTimeMs. */
  skippedRows = 0;
  /** NAN (and -NAN) values, stored as null. */
  nanValues = 0;
  /** INF / -INF values, stored as null: overflow markers, not measurements (see index.ts). */
  infValues = 0;
  /** TOA5: quoted text in a numeric column (the first data row decided the column was numeric); null. */
  quotedTextValues = 0;
  /** RECORD lower than the row before: the logger's table was reset. */
  recordResets = 0;
  /** RECORD equal to the row before (real loggers do this, e.g. after a program restart). */
  recordRepeats = 0;
  /** Time earlier than the row before (clock set back, or a table reset with an older clock). */
  timeReversals = 0;
  /** Wall times that occurred twice (DST overlap), resolved to the earlier instant. */
  dstAmbiguousRows = 0;
  /** Wall times that never occurred (DST gap), shifted forward by the gap. */
  dstGapRows = 0;

  writeTo(attributes: Record<string, string | number | null>): void {
    attributes.rows = this.rows;
    attributes.skippedRows = this.skippedRows;
    attributes.nanValues = this.nanValues;
    attributes.infValues = this.infValues;
    attributes.quotedTextValues = this.quotedTextValues;
    attributes.recordResets = this.recordResets;
    attributes.recordRepeats = this.recordRepeats;
    attributes.timeReversals = this.timeReversals;
    attributes.dstAmbiguousRows = this.dstAmbiguousRows;
    attributes.dstGapRows = this.dstGapRows;
  }
}

export interface BatchBuilderOptions {
  stream: string;
  variables: VariableMeta[];
  batchSize: number;
  afterTimeMs: number | undefined;
  clock: ZoneClock;
  counters: RowCounters;
}

export class BatchBuilder {
  private readonly options: BatchBuilderOptions;
  private readonly afterTimeMs: number;
  private rows: ScalarRow[] = [];
  private ready: ScalarBatch[] = [];
  private previousRecord = -1;
  private previousTimeMs = Number.NEGATIVE_INFINITY;

  constructor(options: BatchBuilderOptions) {
    this.options = options;
    this.afterTimeMs = options.afterTimeMs ?? Number.NEGATIVE_INFINITY;
  }

  add(wallMs: number, record: number | undefined, values: (number | null)[]): void {
    const { clock, counters } = this.options;
    const timeMs = clock.toUtcMs(wallMs);
    if (clock.lastResolution !== 'unique') {
      if (clock.lastResolution === 'ambiguous') counters.dstAmbiguousRows++;
      else counters.dstGapRows++;
    }
    if (record !== undefined) {
      if (record < this.previousRecord) counters.recordResets++;
      else if (record === this.previousRecord) counters.recordRepeats++;
      this.previousRecord = record;
    }
    if (timeMs < this.previousTimeMs) counters.timeReversals++;
    this.previousTimeMs = timeMs;
    if (timeMs <= this.afterTimeMs) {
      counters.skippedRows++;
      return;
    }
    counters.rows++;
    this.rows.push(record === undefined ? { timeMs, values } : { timeMs, record, values });
    if (this.rows.length >= this.options.batchSize) {
      this.ready.push(this.batchOf(this.rows));
      this.rows = [];
    }
  }

  hasReady(): boolean {
    return this.ready.length > 0;
  }

  /** Full batches collected since the last call. */
  takeReady(): ScalarBatch[] {
    const ready = this.ready;
    this.ready = [];
    return ready;
  }

  /** The last, partial batch (null if empty). */
  flush(): ScalarBatch | null {
    if (this.rows.length === 0) return null;
    const batch = this.batchOf(this.rows);
    this.rows = [];
    return batch;
  }

  private batchOf(rows: ScalarRow[]): ScalarBatch {
    return { type: 'scalars', stream: this.options.stream, variables: this.options.variables, rows };
  }
}

/** Validates options.batchSize (a programming error if wrong, so a plain RangeError). */
export function batchSizeOf(batchSize: number | undefined): number {
  const size = batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  return size;
}
