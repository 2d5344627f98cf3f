// The demo campaign's "legacy archive": a local folder that some older process keeps filled from the data
// store, in its own layout (dated folders per instrument, <scope>/YYYY/MM/DD/<basename>) and, as such archives
// do, with a few files lost. It gives the demo mirror (compared by basename, lib/config/demo.ts) something
// real to verify: a fresh `fieldops start` shows a handful of files missing on the archive, and "sync now"
// copies them over. Which files are lost is a pure function of the name, so a test can predict them.
import fs from 'node:fs';
import path from 'node:path';
import { demoArchiveDir } from '../config/demo';
import { basenameOf, scopeEnd } from './groups';
import { LocalTree } from './tree-local';
import { dayOf } from './window';

/** About one file in LOSS_MODULUS is "lost" by the archive. */
const LOSS_MODULUS = 25;

/** Whether the demo archive deliberately lacks this file (FNV-1a of the basename: stable across runs). */
export function isLostByDemoArchive(basename: string): boolean {
  let hash = 0x811c9dc5;
  for (let i = 0; i < basename.length; i++) hash = Math.imul(hash ^ basename.charCodeAt(i), 0x01000193) >>> 0;
  return hash % LOSS_MODULUS === 0;
}

/** Where the archive keeps a data-store file: in its scope (raw/<instrument>, …), under the mtime's day. */
export function demoArchivePath(relativePath: string, mtimeMs: number): string {
  const end = scopeEnd(relativePath);
  const scope = end > 0 ? relativePath.slice(0, end) : '';
  const [y, m, d] = dayOf(mtimeMs).split('-');
  return path.posix.join(scope, y!, m!, d!, basenameOf(relativePath));
}

export interface SeedResult {
  copied: number;
  /** Data-store paths the archive deliberately lacks. */
  lost: string[];
}

/**
 * Brings the archive up to the data store's raw and products folders, minus the lost files. A file already
 * there at the same size and mtime is left alone, so a round over an unchanged store copies nothing.
 */
export async function seedDemoArchive(dataDir: string): Promise<SeedResult> {
  const archive = demoArchiveDir(dataDir);
  fs.mkdirSync(archive, { recursive: true });
  const store = new LocalTree(dataDir);
  const listing = await store.list(['raw', 'products']);
  const result: SeedResult = { copied: 0, lost: [] };
  for (const entry of listing.entries) {
    if (isLostByDemoArchive(basenameOf(entry.relativePath))) {
      result.lost.push(entry.relativePath);
      continue;
    }
    const destination = path.join(archive, demoArchivePath(entry.relativePath, entry.mtimeMs));
    const existing = fs.statSync(destination, { throwIfNoEntry: false });
    if (existing && existing.size === entry.size && Math.round(existing.mtimeMs) === entry.mtimeMs) continue;
    if (await copyKeepingMtime(path.join(dataDir, entry.relativePath), destination, entry.mtimeMs)) result.copied += 1;
  }
  return result;
}

/** Copies under a hidden name (which listings skip), then renames; false if the file went away meanwhile. */
async function copyKeepingMtime(from: string, to: string, mtimeMs: number): Promise<boolean> {
  await fs.promises.mkdir(path.dirname(to), { recursive: true });
  const partial = path.join(path.dirname(to), `.${path.basename(to)}.seeding`);
  try {
    await fs.promises.copyFile(from, partial);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
  const mtime = new Date(mtimeMs);
  await fs.promises.utimes(partial, mtime, mtime);
  await fs.promises.rename(partial, to);
  return true;
}

/** How often the archive catches up: a verification sees at most this much of the newest data not yet on it. */
const SEED_EVERY_MS = 15_000;

/** Seeds now and then every SEED_EVERY_MS until stop(), which waits for the round in progress. */
export function startDemoArchiveSeeder(dataDir: string, onError: (message: string) => void): { stop(): Promise<void> } {
  let running: Promise<void> | null = null;
  const round = () => {
    running ??= seedDemoArchive(dataDir)
      .then(() => {}, (error: unknown) => onError(`demo archive: ${(error as Error).message}`))
      .finally(() => { running = null; });
  };
  round();
  const timer = setInterval(round, SEED_EVERY_MS);
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
