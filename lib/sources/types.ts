// What the file pipeline needs from a place instruments write files to: a local or mounted folder, or an
// SFTP server. Both list the same way (paths relative to the source root, forward slashes) so the ledger
// key of a file does not depend on how it was reached.
import type { Readable } from 'node:stream';

/** A regular file below the source root. */
export interface SourceEntry {
  /** Path below the source root with forward slashes, already checked by `checkRelativePath`. */
  relativePath: string;
  size: number;
  /** Whole milliseconds since the epoch (SFTP v3 only has seconds; local folders are rounded to ms). */
  mtimeMs: number;
}

/** Something found while listing that is not taken, and why (hostile name, symlink out of the root). */
export interface SkippedEntry {
  relativePath: string;
  /** `unsafe-name` and `unreadable` are problems to report; links and special files are skipped quietly. */
  kind: 'unsafe-name' | 'unreadable' | 'symlink' | 'not-a-file';
  reason: string;
}

export interface SourceListing {
  entries: SourceEntry[];
  skipped: SkippedEntry[];
}

export interface Source {
  /** For messages: the folder, or sftp://user@host:port/path (never a key). */
  readonly description: string;
  /** Every regular file below the root, recursively. Never follows symlinked folders. */
  list(): Promise<SourceListing>;
  /** Current size and mtime of one file, or null if it is gone (to notice a file that changed during a copy). */
  stat(relativePath: string): Promise<Omit<SourceEntry, 'relativePath'> | null>;
  /** The file's bytes. `expectedSize` lets a remote source pipeline its reads; reading stops at EOF either way. */
  openRead(relativePath: string, expectedSize: number): Promise<Readable>;
  /** Releases connections. Safe to call twice. */
  close(): Promise<void>;
}

/** The source could not be reached or listed at all: the sync fails and pg-boss retries it. */
export class SourceUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SourceUnavailableError';
  }
}
