// Source folders with files of chosen content and mtime, and instruments to sync them into, for the
// source-sync tests.
import fs from 'node:fs';
import path from 'node:path';
import { asc, eq } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { files, instruments, sites } from '../../db/schema';
import type { InstrumentConfig } from '../../lib/config/schema';
import type { SourceConfig } from '../../lib/sources/open';

export const DAY_MS = 86_400_000;

/** Writes a file below `root` and sets its mtime. */
export function writeSourceFile(root: string, relativePath: string, content: string | Buffer, mtimeMs: number): string {
  const full = path.join(root, relativePath);
  fs.mkdirSync(path.dirname(full), { recursive: true });
  fs.writeFileSync(full, content);
  setMtime(full, mtimeMs);
  return full;
}

export function setMtime(file: string, mtimeMs: number): void {
  const t = new Date(mtimeMs);
  fs.utimesSync(file, t, t);
}

export async function addInstrument(db: Database, id: string, kind: string): Promise<void> {
  await db.insert(sites).values({ id: 'test-site', name: 'Test site' }).onConflictDoNothing();
  await db.insert(instruments).values({ id, siteId: 'test-site', kind, name: id }).onConflictDoNothing();
}

export function instrumentConfig(id: string, kind: InstrumentConfig['kind'], source: Partial<SourceConfig> & { path: string }) {
  return { id, kind, source: { lookbackDays: 3, minAge: 0, ...source } };
}

export async function ledgerRows(db: Database, instrumentId: string) {
  return db.select().from(files).where(eq(files.instrumentId, instrumentId)).orderBy(asc(files.relativePath));
}

/** Every file below `dir`, relative, sorted (to prove nothing else was written). */
export function filesBelow(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((d) => !d.isDirectory())
    .map((d) => path.relative(dir, path.join(d.parentPath, d.name)).split(path.sep).join('/'))
    .sort();
}
