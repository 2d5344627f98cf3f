// The ledger as the partner API lists it: filtered by instrument scope, data time and state, paged by id.
import { and, asc, eq, gt, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../client';
import { files, type FileState, instruments, type LedgerFile } from '../schema';

export interface ApiFileFilter {
  /** Instruments the caller may see; null for all. */
  scope: readonly string[] | null;
  instrument: string | null;
  /** Files whose data (or, without a data range, modification time) overlaps [from, to). */
  from: Date | null;
  to: Date | null;
  state: FileState | null;
  afterId: number;
  limit: number;
}

export async function listApiFiles(db: Queryable, filter: ApiFileFilter): Promise<LedgerFile[]> {
  if (filter.scope && filter.scope.length === 0) return [];
  const conditions: (SQL | undefined)[] = [
    gt(files.id, filter.afterId),
    isNull(instruments.removedFromConfigAt),
    filter.scope ? inArray(files.instrumentId, [...filter.scope]) : undefined,
    filter.instrument !== null ? eq(files.instrumentId, filter.instrument) : undefined,
    filter.state ? eq(files.state, filter.state) : undefined,
    filter.from ? sql`coalesce(${files.dataEnd}, ${files.mtime}) >= ${filter.from.toISOString()}` : undefined,
    filter.to ? sql`coalesce(${files.dataStart}, ${files.mtime}) < ${filter.to.toISOString()}` : undefined,
  ];
  const rows = await db.select({ file: files }).from(files)
    .innerJoin(instruments, eq(instruments.id, files.instrumentId))
    .where(and(...conditions))
    .orderBy(asc(files.id))
    .limit(filter.limit);
  return rows.map((r) => r.file);
}

/** One ledger entry, if its instrument is in the scope (otherwise the caller cannot tell it exists). */
export async function getApiFile(db: Queryable, id: number, scope: readonly string[] | null): Promise<LedgerFile | undefined> {
  if (scope && scope.length === 0) return undefined;
  const [row] = await db.select({ file: files }).from(files)
    .innerJoin(instruments, eq(instruments.id, files.instrumentId))
    .where(and(eq(files.id, id), isNull(instruments.removedFromConfigAt), scope ? inArray(files.instrumentId, [...scope]) : undefined));
  return row?.file;
}

// Kept for readers that want "a file is downloadable" in one place.
export const DOWNLOADABLE_STATES: FileState[] = ['fetched', 'appended', 'failed', 'quarantined'];
export const downloadable = (file: LedgerFile) => file.sha256 !== null && DOWNLOADABLE_STATES.includes(file.state);
