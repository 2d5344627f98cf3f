// A source on an SFTP server (key authentication). One SSH connection per sync, opened on first use.
// Symlinks and special files are skipped as in a local folder. Reads are pipelined because field sites
// sit behind satellite links: one 32 KiB request per round trip would cap a 600 ms link near 50 KiB/s.
import path from 'node:path';
import { Readable } from 'node:stream';
import type { SFTPWrapper, Stats } from 'ssh2';
import { childPath } from './relative-path';
import { describeTarget, openSftpSession, type SftpSession, type SftpTarget } from './sftp-connect';
import { SourceUnavailableError, type Source, type SourceEntry, type SourceListing } from './types';

const CHUNK = 32 * 1024;
const READS_IN_FLIGHT = 16;
// SSH_FX_NO_SUCH_FILE from the SFTP v3 draft.
const NO_SUCH_FILE = 2;

export class SftpSource implements Source {
  readonly description: string;
  private session: Promise<SftpSession> | null = null;

  constructor(private readonly target: SftpTarget) {
    this.description = describeTarget(target);
  }

  async list(): Promise<SourceListing> {
    const sftp = await this.sftp();
    const listing: SourceListing = { entries: [], skipped: [] };
    const pending: string[] = [''];
    while (pending.length > 0) {
      const dirRel = pending.pop()!;
      let items: { filename: string; attrs: Stats }[];
      try {
        items = await call<{ filename: string; attrs: Stats }[]>((cb) => sftp.readdir(this.remote(dirRel), cb));
      } catch (error) {
        // The root must be listable; a subfolder that is not is reported and the rest still synced.
        if (dirRel === '') throw new SourceUnavailableError(`${this.description}: cannot list the source folder: ${(error as Error).message}`, { cause: error });
        listing.skipped.push({ relativePath: dirRel, kind: 'unreadable', reason: `cannot read folder: ${(error as Error).message}` });
        continue;
      }
      for (const { filename, attrs } of items) {
        if (filename === '.' || filename === '..') continue;
        const child = childPath(dirRel, filename);
        if (child.problem) listing.skipped.push({ relativePath: child.path, kind: 'unsafe-name', reason: child.problem });
        else if (attrs.isDirectory()) pending.push(child.path);
        else if (attrs.isSymbolicLink()) listing.skipped.push({ relativePath: child.path, kind: 'symlink', reason: 'symbolic link (never followed)' });
        else if (!attrs.isFile()) listing.skipped.push({ relativePath: child.path, kind: 'not-a-file', reason: 'not a regular file' });
        else listing.entries.push({ relativePath: child.path, size: attrs.size, mtimeMs: attrs.mtime * 1000 });
      }
    }
    return listing;
  }

  async stat(relativePath: string): Promise<Omit<SourceEntry, 'relativePath'> | null> {
    const sftp = await this.sftp();
    try {
      const attrs = await call<Stats>((cb) => sftp.lstat(this.remote(relativePath), cb));
      return attrs.isFile() ? { size: attrs.size, mtimeMs: attrs.mtime * 1000 } : null;
    } catch (error) {
      if ((error as { code?: number }).code === NO_SUCH_FILE) return null;
      throw error;
    }
  }

  async openRead(relativePath: string, expectedSize: number): Promise<Readable> {
    const sftp = await this.sftp();
    const handle = await call<Buffer>((cb) => sftp.open(this.remote(relativePath), 'r', cb));
    return Readable.from(pipelinedRead(sftp, handle, expectedSize), { objectMode: false });
  }

  async close(): Promise<void> {
    const session = this.session;
    this.session = null;
    if (session) (await session.catch(() => null))?.end();
  }

  private sftp(): Promise<SFTPWrapper> {
    this.session ??= openSftpSession(this.target);
    return this.session.then((s) => s.sftp);
  }

  private remote(relativePath: string): string {
    return relativePath ? path.posix.join(this.target.root, relativePath) : this.target.root;
  }
}

/** Reads a remote file in order with several requests in flight; continues past expectedSize to EOF. */
async function* pipelinedRead(sftp: SFTPWrapper, handle: Buffer, expectedSize: number): AsyncGenerator<Buffer> {
  const inFlight: Promise<Buffer>[] = [];
  let nextOffset = 0;
  const issue = () => {
    const read = readChunk(sftp, handle, nextOffset, CHUNK);
    // Marked handled now: a failure of a later read must not count as unhandled while an earlier one is awaited.
    read.catch(() => {});
    inFlight.push(read);
    nextOffset += CHUNK;
  };
  try {
    do {
      while (inFlight.length < READS_IN_FLIGHT && (nextOffset < expectedSize || inFlight.length === 0)) issue();
      const chunk = await inFlight.shift()!;
      if (chunk.length > 0) yield chunk;
      // A short chunk is the end of the file: anything still in flight lies beyond it.
      if (chunk.length < CHUNK) break;
    } while (true);
  } finally {
    await Promise.allSettled(inFlight);
    await call<void>((cb) => sftp.close(handle, cb)).catch(() => {});
  }
}

/** One chunk at `offset`, retrying short reads (a server may answer with less than asked) until EOF. */
async function readChunk(sftp: SFTPWrapper, handle: Buffer, offset: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  let filled = 0;
  while (filled < length) {
    const got = await call<number>((cb) => sftp.read(handle, buffer, filled, length - filled, offset + filled, (err, n) => cb(err, n)));
    if (got === 0) break;
    filled += got;
  }
  return buffer.subarray(0, filled);
}

function call<T>(start: (cb: (err: Error | null | undefined, value: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => start((err, value) => (err ? reject(err) : resolve(value))));
}
