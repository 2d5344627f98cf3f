// Collects decoded rows per output table and cuts them into batches of the requested size, applying the
// afterTimeMs filter once for every family.

import type { ParsedBatch, ProfileRow, ScalarRow, VariableMeta } from '../types';

export interface ScalarTable {
  type: 'scalars';
  stream: string;
  variables: readonly VariableMeta[];
}

export interface ProfileTable {
  type: 'profiles';
  stream: string;
  variable: VariableMeta;
}

export const DEFAULT_SCALAR_BATCH = 5000;
export const DEFAULT_PROFILE_BATCH = 500;

export interface BatchOptions {
  afterTimeMs?: number;
  batchSize?: number;
}

export class BatchCollector {
  private readonly scalarRows = new Map<ScalarTable, ScalarRow[]>();
  private readonly profileRows = new Map<ProfileTable, ProfileRow[]>();
  private ready: ParsedBatch[] = [];
  private readonly scalarBatchSize: number;
  private readonly profileBatchSize: number;

  constructor(private readonly options: BatchOptions) {
    const size = options.batchSize;
    const requested = size !== undefined && size >= 1 ? Math.floor(size) : undefined;
    this.scalarBatchSize = requested ?? DEFAULT_SCALAR_BATCH;
    this.profileBatchSize = requested ?? DEFAULT_PROFILE_BATCH;
  }

  addScalars(table: ScalarTable, timeMs: number, values: (number | null)[]): void {
    if (!this.wanted(timeMs)) return;
    const rows = this.rowsOf(this.scalarRows, table);
    rows.push({ timeMs, values });
    if (rows.length >= this.scalarBatchSize) this.cutScalars(table, rows);
  }

  addProfile(table: ProfileTable, timeMs: number, values: Float32Array): void {
    if (!this.wanted(timeMs)) return;
    const rows = this.rowsOf(this.profileRows, table);
    rows.push({ timeMs, values });
    if (rows.length >= this.profileBatchSize) this.cutProfiles(table, rows);
  }

  /** Batches that filled up since the last call. */
  takeReady(): ParsedBatch[] {
    const batches = this.ready;
    this.ready = [];
    return batches;
  }

  /** Everything left, in the order the tables first received a row. */
  takeRemaining(): ParsedBatch[] {
    for (const [table, rows] of this.scalarRows) if (rows.length > 0) this.cutScalars(table, rows);
    for (const [table, rows] of this.profileRows) if (rows.length > 0) this.cutProfiles(table, rows);
    return this.takeReady();
  }

  private wanted(timeMs: number): boolean {
    return this.options.afterTimeMs === undefined || timeMs > this.options.afterTimeMs;
  }

  private rowsOf<T, R>(map: Map<T, R[]>, table: T): R[] {
    let rows = map.get(table);
    if (!rows) {
      rows = [];
      map.set(table, rows);
    }
    return rows;
  }

  private cutScalars(table: ScalarTable, rows: ScalarRow[]): void {
    this.ready.push({ type: 'scalars', stream: table.stream, variables: [...table.variables], rows: rows.splice(0) });
  }

  private cutProfiles(table: ProfileTable, rows: ProfileRow[]): void {
    this.ready.push({ type: 'profiles', stream: table.stream, variable: table.variable, rows: rows.splice(0) });
  }
}
