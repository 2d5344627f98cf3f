// The instrument page's files tab: one page of the ledger, newest file first, and the total.
import { count, desc, eq } from 'drizzle-orm';
import type { Database } from '../client';
import { files } from '../schema';

export interface LedgerRow {
  id: number;
  relativePath: string;
  state: string;
  error: string | null;
  rowsAppended: number;
  size: number;
  mtime: Date;
  dataStart: Date | null;
  dataEnd: Date | null;
  late: boolean;
}

export async function listLedgerPage(db: Database, instrumentId: string, page: number, pageSize: number): Promise<{ rows: LedgerRow[]; total: number }> {
  const [rows, [total]] = await Promise.all([
    db.select({ id: files.id, relativePath: files.relativePath, state: files.state, error: files.error, rowsAppended: files.rowsAppended,
      size: files.size, mtime: files.mtime, dataStart: files.dataStart, dataEnd: files.dataEnd, late: files.late })
      .from(files).where(eq(files.instrumentId, instrumentId))
      .orderBy(desc(files.mtime), desc(files.id)).limit(pageSize).offset((page - 1) * pageSize),
    db.select({ n: count() }).from(files).where(eq(files.instrumentId, instrumentId)),
  ]);
  return { rows, total: total?.n ?? 0 };
}
