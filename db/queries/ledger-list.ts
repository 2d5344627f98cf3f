import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Database } from '../client';
import { files, type FileState, type LedgerFile } from '../schema';

/** The ledger of one instrument, newest first, optionally in one state. */
export async function listLedger(db: Database, instrumentId: string, options: { state?: FileState; limit?: number } = {}): Promise<LedgerFile[]> {
  return db.select().from(files)
    .where(and(eq(files.instrumentId, instrumentId), options.state ? eq(files.state, options.state) : undefined))
    .orderBy(desc(files.mtime))
    .limit(options.limit ?? 1000);
}

/** Files fetched but not appended (a crash, a lost job, a failed attempt): what a foreground ingest finishes. */
export async function listAwaitingAppend(db: Database, instrumentId: string): Promise<{ id: number; relativePath: string }[]> {
  return db.select({ id: files.id, relativePath: files.relativePath }).from(files)
    .where(and(eq(files.instrumentId, instrumentId), inArray(files.state, ['fetched', 'failed'])))
    .orderBy(files.mtime);
}
