// One side of a mirror hop: the data store, or a mirror's target (a local or mounted folder, or SFTP). It
// lists and reads through lib/sources (same name checks, symlinks never followed) and writes the way the raw
// store is written: to a hidden temporary name beside the final one, checked, then renamed, so a half-copied
// file never looks complete. Nothing on a tree is ever deleted, except our own temporary files.
import type { Readable } from 'node:stream';
import type { Digest } from '../files/checksums';
import { PARTIAL_SUFFIX } from '../pipeline/fetch-to-raw-store';
import type { SourceEntry, SourceListing } from '../sources/types';
import { isHiddenPath } from './groups';

export interface TreeSpec {
  /** A folder, or sftp://user@host[:port]/path. */
  path: string;
  identityFile?: string;
  hostKey?: string;
}

/** What was written: bytes and sha256 (lib/files/checksums). */
export type Written = Digest;

export interface WriteOptions {
  /** Called after the bytes are down and before the rename: throw to keep the final name untouched. */
  check: (written: Written) => Promise<void>;
  /** Read the temporary copy back and compare its sha256 with what was sent (sha256 mode). */
  verifyContent: boolean;
}

export interface MirrorTree {
  /** The folder or sftp:// URL, for messages and reports (never a key). */
  readonly description: string;
  /** Throws SourceUnavailableError when the root cannot be reached or is not a folder (disk not mounted). */
  checkRoot(): Promise<void>;
  /** Every regular, non-hidden file below these folders (paths relative to the root); a missing folder is empty. */
  list(folders: string[]): Promise<SourceListing>;
  stat(relativePath: string): Promise<Omit<SourceEntry, 'relativePath'> | null>;
  openRead(relativePath: string, expectedSize: number): Promise<Readable>;
  writeFile(relativePath: string, input: Readable, file: Omit<SourceEntry, 'relativePath'>, options: WriteOptions): Promise<Written>;
  close(): Promise<void>;
}

/** The in-progress name beside `basename`: hidden (so listings skip it) and fixed, so a retry reuses it. */
export function partialName(basename: string): string {
  // Shortened so that a name near the 255-byte limit still leaves room for the suffix.
  return `.${basename.slice(0, 120)}${PARTIAL_SUFFIX}`;
}

/**
 * Moves a sub-listing's entries into `into` with `folder/` in front of their paths, dropping hidden files.
 * The entries are changed in place: a listing of millions of files should not exist twice.
 */
export function addListing(into: SourceListing, folder: string, listing: SourceListing): void {
  for (const e of listing.entries) {
    e.relativePath = e.relativePath ? `${folder}/${e.relativePath}` : folder;
    if (!isHiddenPath(e.relativePath)) into.entries.push(e);
  }
  for (const s of listing.skipped) {
    s.relativePath = s.relativePath ? `${folder}/${s.relativePath}` : folder;
    if (!isHiddenPath(s.relativePath)) into.skipped.push(s);
  }
}
