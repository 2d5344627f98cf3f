// Copies one source file into the raw store so that its final name only ever holds a complete, verified
// copy: the bytes go to a hidden temporary file beside it (same folder, so the rename is atomic), hashed as
// they stream; then the size is checked against the listing, the source is checked to be unchanged, and the
// copy on disk is hashed again before the rename. Any failure removes the temporary file.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { hashingStream, sha256OfFile } from '../files/checksums';
import type { Source, SourceEntry } from '../sources/types';

/** Suffix of in-progress copies; anything that walks the raw store (mirrors) should ignore these. */
export const PARTIAL_SUFFIX = '.fieldops-partial';

/** The copy was not good (source changed or shrank mid-copy, disk mismatch): retried at the next sync. */
export class FetchVerificationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FetchVerificationError';
  }
}

export interface FetchedCopy {
  size: number;
  sha256: string;
}

export async function fetchToRawStore(source: Source, entry: SourceEntry, destination: string): Promise<FetchedCopy> {
  const dir = path.dirname(destination);
  await fs.promises.mkdir(dir, { recursive: true });
  // Shortened so that a source name near the 255-byte limit still leaves room for the suffixes.
  const temp = path.join(dir, `.${path.basename(destination).slice(0, 120)}.${crypto.randomBytes(6).toString('hex')}${PARTIAL_SUFFIX}`);
  try {
    const hashing = hashingStream();
    const input = await source.openRead(entry.relativePath, entry.size);
    // flush: the data is on disk before the rename makes it visible under its final name.
    await pipeline(input, hashing.stream, fs.createWriteStream(temp, { flags: 'wx', mode: 0o644, flush: true }));
    const { bytes, sha256 } = hashing.result();

    if (bytes !== entry.size) {
      throw new FetchVerificationError(`read ${bytes} bytes where the listing said ${entry.size}: the file changed during the copy`);
    }
    const now = await source.stat(entry.relativePath);
    if (!now) throw new FetchVerificationError('the file disappeared during the copy');
    if (now.size !== entry.size || now.mtimeMs !== entry.mtimeMs) {
      throw new FetchVerificationError(`the file changed during the copy (size ${entry.size} → ${now.size}, mtime ${iso(entry.mtimeMs)} → ${iso(now.mtimeMs)})`);
    }
    const onDisk = await sha256OfFile(temp);
    if (onDisk.bytes !== bytes || onDisk.sha256 !== sha256) {
      throw new FetchVerificationError(`the copy on disk (${onDisk.bytes} bytes, sha256 ${onDisk.sha256}) differs from what was read (${bytes} bytes, sha256 ${sha256})`);
    }
    // The raw copy keeps the source's mtime, so mirrors and operators see when the instrument wrote it.
    const mtime = new Date(entry.mtimeMs);
    await fs.promises.utimes(temp, mtime, mtime);
    await fs.promises.rename(temp, destination);
    return { size: bytes, sha256 };
  } catch (error) {
    await fs.promises.rm(temp, { force: true });
    throw error;
  }
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
