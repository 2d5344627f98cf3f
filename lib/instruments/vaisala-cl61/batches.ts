// Turns a planned file into batches.
//
// Memory model: scalar series are read whole when the file is inspected (a few numbers per profile).
// Profiles are read `batchSize` rows at a time: for each batch the reader thread opens the file, reads those
// rows of every profile variable with an HDF5 hyperslab (deflate chunks outside them are never
// decompressed), closes the file and transfers the arrays (no copy). Peak memory, whatever the file's length,
// is about 3 x variables x batchSize x gates x 4 bytes: the raw slices, the Float32Array rows made from them,
// and the reader thread's wasm heap, which grows to the largest batch it has read and is given back when the
// idle thread stops: 3 x 4 x 500 x 3 276 x 4 B = 79 MB at the default batch size. No file handle is held
// while the consumer awaits, so abandoning the iterator leaks nothing.
import type { ParsedBatch, ProfileBatch, ScalarBatch, VariableMeta } from '../types';
import { readRows } from './hdf5';
import type { ScalarTable } from './tables';
import { profileRow, type FillTest } from './values';
import { PROFILE_STREAM } from './variables';

export const DEFAULT_BATCH_SIZE = 500;

export interface ProfileSource {
  name: string;
  meta: VariableMeta;
  isFill: FillTest;
}

export interface Cl61ReadPlan {
  filePath: string;
  fileName: string;
  /** UTC ms per profile row, null where the file's time is a fill value (such rows are never emitted). */
  timesMs: (number | null)[];
  gateCount: number;
  profiles: ProfileSource[];
  tables: ScalarTable[];
}

export interface BatchOptions {
  batchSize: number;
  afterTimeMs?: number;
}

export async function* cl61Batches(plan: Cl61ReadPlan, options: BatchOptions): AsyncGenerator<ParsedBatch> {
  const profileRows = rowsAfter(plan.timesMs, options.afterTimeMs);
  for (const rows of inBatches(profileRows, options.batchSize)) {
    yield* await readProfileRows(plan, rows);
  }
  for (const table of plan.tables) {
    for (const rows of inBatches(rowsAfter(table.timesMs, options.afterTimeMs), options.batchSize)) {
      yield scalarBatch(table, rows);
    }
  }
}

/** Row indices with a usable time later than `afterTimeMs`. */
function rowsAfter(timesMs: (number | null)[], afterTimeMs: number | undefined): number[] {
  const rows: number[] = [];
  timesMs.forEach((timeMs, row) => {
    if (timeMs !== null && (afterTimeMs === undefined || timeMs > afterTimeMs)) rows.push(row);
  });
  return rows;
}

function* inBatches(rows: number[], batchSize: number): Generator<number[]> {
  for (let start = 0; start < rows.length; start += batchSize) yield rows.slice(start, start + batchSize);
}

async function readProfileRows(plan: Cl61ReadPlan, rows: number[]): Promise<ProfileBatch[]> {
  const start = rows[0] ?? 0;
  const end = (rows[rows.length - 1] ?? 0) + 1;
  const names = plan.profiles.map((source) => source.name);
  const slices = await readRows(plan.filePath, plan.fileName, { names, start, end, gates: plan.gateCount });
  return plan.profiles.map((source) => {
    const raw = slices[source.name] ?? [];
    return {
      type: 'profiles',
      stream: PROFILE_STREAM,
      variable: source.meta,
      rows: rows.map((row) => ({
        timeMs: plan.timesMs[row] as number,
        values: profileRow(raw, (row - start) * plan.gateCount, plan.gateCount, source.isFill),
      })),
    };
  });
}

function scalarBatch(table: ScalarTable, rows: number[]): ScalarBatch {
  return {
    type: 'scalars',
    stream: table.stream,
    variables: table.variables,
    rows: rows.map((row) => ({
      timeMs: table.timesMs[row] as number,
      values: table.columns.map((column) => column[row] ?? null),
    })),
  };
}
