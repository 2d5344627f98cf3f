// Puts files into the raw store and the ledger the way source-sync leaves them (state `fetched`), so the
// append stage can be tested on its own.
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from '../../db/client';
import { files, instruments, sites } from '../../db/schema';
import { rawFilePath } from '../../lib/pipeline/raw-store';

export async function ensureInstrument(db: Database, id: string, kind: string, timezone = 'UTC'): Promise<void> {
  await db.insert(sites).values({ id: 'test-site', name: 'Test site' }).onConflictDoNothing();
  await db.insert(instruments).values({ id, siteId: 'test-site', kind, name: id, timezone }).onConflictDoNothing();
}

/** Writes `content` at the raw-store path and ledgers it as fetched; returns the file id. */
export async function ledgerFetchedFile(db: Database, dataDir: string, instrumentId: string, relativePath: string, content: string | Buffer): Promise<number> {
  const full = rawFilePath(dataDir, instrumentId, relativePath);
  fs.mkdirSync(path.dirname(full), { recursive: true });
  fs.writeFileSync(full, content);
  const stat = fs.statSync(full);
  const [row] = await db
    .insert(files)
    .values({ instrumentId, relativePath, basename: path.basename(relativePath), size: stat.size, mtime: stat.mtime, state: 'fetched', fetchedAt: new Date() })
    .onConflictDoUpdate({ target: [files.instrumentId, files.relativePath], set: { size: stat.size, mtime: stat.mtime, state: 'fetched' } })
    .returning({ id: files.id });
  return row!.id;
}
