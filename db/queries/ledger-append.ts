// The ledger updates of the append stage. Row locks keep two appenders of one file in line: the second
// waits, then finds nothing new to append.
import { eq, sql } from 'drizzle-orm';
import type { FileMeta } from '../../lib/instruments/types';
import { files, instruments, type LedgerFile } from '../schema';
import type { Queryable } from '../client';

export interface FileToAppend {
  file: LedgerFile;
  instrument: { id: string; kind: string; timezone: string };
}

/** The file's ledger row, locked for the rest of the transaction, with its instrument. */
export async function lockFileForAppend(tx: Queryable, fileId: number): Promise<FileToAppend | null> {
  const rows = await tx
    .select({ file: files, instrument: { id: instruments.id, kind: instruments.kind, timezone: instruments.timezone } })
    .from(files)
    .innerJoin(instruments, eq(instruments.id, files.instrumentId))
    .where(eq(files.id, fileId))
    .for('update', { of: files });
  return rows[0] ?? null;
}

export interface AppendOutcome {
  rowsAppended: number;
  valuesAppended: number;
  dataStart: Date | null;
  dataEnd: Date | null;
  meta: FileMeta;
}

export async function markAppended(tx: Queryable, fileId: number, outcome: AppendOutcome): Promise<void> {
  await tx.update(files).set({
    state: 'appended',
    error: null,
    appendedAt: sql`now()`,
    attempts: sql`${files.attempts} + 1`,
    rowsAppended: sql`${files.rowsAppended} + ${outcome.rowsAppended}`,
    valuesAppended: sql`${files.valuesAppended} + ${outcome.valuesAppended}`,
    dataStart: outcome.dataStart ? sql`LEAST(${files.dataStart}, ${outcome.dataStart.toISOString()}::timestamptz)` : sql`${files.dataStart}`,
    dataEnd: outcome.dataEnd ? sql`GREATEST(${files.dataEnd}, ${outcome.dataEnd.toISOString()}::timestamptz)` : sql`${files.dataEnd}`,
    appendedThrough: outcome.dataEnd ? sql`GREATEST(${files.appendedThrough}, ${outcome.dataEnd.toISOString()}::timestamptz)` : sql`${files.appendedThrough}`,
    meta: outcome.meta,
  }).where(eq(files.id, fileId));
}

/** A file the parser rejects: kept in the raw store, never retried until it changes. */
export async function markQuarantined(tx: Queryable, fileId: number, reason: string): Promise<void> {
  await tx.update(files).set({ state: 'quarantined', error: reason, attempts: sql`${files.attempts} + 1` }).where(eq(files.id, fileId));
}

/** An append that failed for a reason outside the file (database, configuration): retried. */
export async function markFailed(tx: Queryable, fileId: number, reason: string): Promise<void> {
  await tx.update(files).set({ state: 'failed', error: reason, attempts: sql`${files.attempts} + 1` }).where(eq(files.id, fileId));
}
