// The ledger writes and reads of the source-sync stage. (instrument_id, relative_path) is a file's identity:
// every write is an upsert on it, so listing the same file twice never ledgers it twice.
import path from 'node:path';
import { and, eq, inArray, isNotNull, max, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { files, type LedgerFile } from '../schema';

export type LedgerSnapshot = Pick<LedgerFile, 'id' | 'relativePath' | 'size' | 'mtime' | 'state'> & {
  /** `fetched` for longer than the asked-for time by the database clock (its append job may be lost). */
  waitingForAppend: boolean;
};

// Keeps each statement far below PostgreSQL's 65,535 bind parameters.
const PATHS_PER_QUERY = 5_000;

/** The ledger rows of these paths of one instrument, by relative path. */
export async function findLedgerFiles(
  db: Database,
  instrumentId: string,
  relativePaths: string[],
  options: { waitingForAppendAfterSeconds: number },
): Promise<Map<string, LedgerSnapshot>> {
  const waitingForAppend = sql<boolean>`(${files.state} = 'fetched' AND COALESCE(${files.fetchedAt}, '-infinity') < now() - make_interval(secs => ${options.waitingForAppendAfterSeconds}))`;
  const found = new Map<string, LedgerSnapshot>();
  for (let i = 0; i < relativePaths.length; i += PATHS_PER_QUERY) {
    const rows = await db
      .select({ id: files.id, relativePath: files.relativePath, size: files.size, mtime: files.mtime, state: files.state, waitingForAppend })
      .from(files)
      .where(and(eq(files.instrumentId, instrumentId), inArray(files.relativePath, relativePaths.slice(i, i + PATHS_PER_QUERY))));
    for (const row of rows) found.set(row.relativePath, row);
  }
  return found;
}

/** The latest data time appended for the instrument, from any file (a grown file keeps its data_end). */
export async function latestAppendedDataTime(db: Database, instrumentId: string): Promise<Date | null> {
  const [row] = await db
    .select({ latest: max(files.dataEnd) })
    .from(files)
    .where(and(eq(files.instrumentId, instrumentId), isNotNull(files.dataEnd)));
  return row?.latest ?? null;
}

export interface FetchedFile {
  instrumentId: string;
  relativePath: string;
  size: number;
  mtime: Date;
  sha256: string;
  late: boolean;
}

/**
 * A verified copy is in the raw store: the row becomes `fetched`, also when it was `appended` before (the
 * file grew; the append stage then takes only rows after appended_through). Returns the row id.
 */
export async function recordFetchedFile(db: Database, file: FetchedFile): Promise<number> {
  const [row] = await db
    .insert(files)
    .values({ ...file, basename: path.posix.basename(file.relativePath), state: 'fetched', fetchedAt: sql`now()`, error: null })
    .onConflictDoUpdate({
      target: [files.instrumentId, files.relativePath],
      set: {
        size: file.size, mtime: file.mtime, sha256: file.sha256, state: 'fetched', fetchedAt: sql`now()`, error: null,
        // Late is decided when a file first arrives; a later change does not make it on time again.
        late: sql`${files.late} OR ${file.late}`,
      },
    })
    .returning({ id: files.id });
  return row!.id;
}

/**
 * A copy failed. A file never fetched is ledgered as `discovered` with the error, so the next sync retries
 * it; a known file keeps its last good size, mtime, hash and state, so the next sync sees the change again.
 */
export async function recordFetchFailure(
  db: Database,
  file: { instrumentId: string; relativePath: string; size: number; mtime: Date; error: string },
): Promise<void> {
  await db
    .insert(files)
    .values({ ...file, basename: path.posix.basename(file.relativePath), state: 'discovered' })
    .onConflictDoUpdate({ target: [files.instrumentId, files.relativePath], set: { error: file.error } });
}
