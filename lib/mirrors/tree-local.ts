// A hop side that is a local or mounted folder (the data store, a NAS mount, a USB disk).
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { hashingStream, sha256OfFile } from '../files/checksums';
import { LocalFolderSource } from '../sources/local-folder';
import { checkRelativePath } from '../sources/relative-path';
import { SourceUnavailableError, type SourceEntry, type SourceListing } from '../sources/types';
import { addListing, partialName, type MirrorTree, type WriteOptions, type Written } from './tree';

export class LocalTree implements MirrorTree {
  readonly description: string;
  private readonly reader: LocalFolderSource;
  private realRoot: string | null = null;

  constructor(private readonly root: string) {
    this.description = path.resolve(root);
    this.reader = new LocalFolderSource(root, '');
  }

  async checkRoot(): Promise<void> {
    await this.resolveRoot();
  }

  async list(folders: string[]): Promise<SourceListing> {
    const root = await this.resolveRoot();
    const listing: SourceListing = { entries: [], skipped: [] };
    for (const folder of folders) {
      let stat: fs.Stats;
      try {
        stat = await fs.promises.stat(path.join(root, folder));
      } catch (error) {
        // Not there yet (nothing of this group synced, or a store without products): no files.
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
        listing.skipped.push({ relativePath: folder, kind: 'unreadable', reason: `cannot read folder: ${(error as Error).message}` });
        continue;
      }
      if (!stat.isDirectory()) {
        listing.skipped.push({ relativePath: folder, kind: 'unreadable', reason: 'is a file where a folder was expected' });
        continue;
      }
      try {
        addListing(listing, folder, await new LocalFolderSource(path.join(root, folder)).list());
      } catch (error) {
        if (!(error instanceof SourceUnavailableError)) throw error;
        listing.skipped.push({ relativePath: folder, kind: 'unreadable', reason: error.message });
      }
    }
    return listing;
  }

  stat(relativePath: string): Promise<Omit<SourceEntry, 'relativePath'> | null> {
    return this.reader.stat(relativePath);
  }

  openRead(relativePath: string): Promise<Readable> {
    return this.reader.openRead(relativePath);
  }

  async writeFile(relativePath: string, input: Readable, file: Omit<SourceEntry, 'relativePath'>, options: WriteOptions): Promise<Written> {
    const unsafe = checkRelativePath(relativePath);
    if (unsafe) throw new Error(`refusing to write ${JSON.stringify(relativePath)}: ${unsafe}`);
    const root = await this.resolveRoot();
    const dir = path.join(root, path.dirname(relativePath));
    await fs.promises.mkdir(dir, { recursive: true });
    // A folder on the way may be a symlink out of the target (planted, or a legacy share's shortcut).
    const realDir = await fs.promises.realpath(dir);
    if (realDir !== root && !realDir.startsWith(root + path.sep)) throw new Error(`${path.dirname(relativePath)} resolves outside ${this.description}`);
    const basename = path.basename(relativePath);
    const temp = path.join(realDir, partialName(basename));
    try {
      // A leftover from an interrupted copy is ours; removing it first lets 'wx' refuse anything planted there.
      await fs.promises.rm(temp, { force: true });
      const hashing = hashingStream();
      // flush: the bytes are on disk before the rename makes them visible under the final name.
      await pipeline(input, hashing.stream, fs.createWriteStream(temp, { flags: 'wx', mode: 0o644, flush: true }));
      const written = hashing.result();
      const onDisk = options.verifyContent ? await sha256OfFile(temp) : { bytes: (await fs.promises.stat(temp)).size, sha256: written.sha256 };
      if (onDisk.bytes !== written.bytes || onDisk.sha256 !== written.sha256) {
        throw new Error(`the copy on disk (${onDisk.bytes} bytes, sha256 ${onDisk.sha256}) differs from what was written (${written.bytes} bytes, sha256 ${written.sha256})`);
      }
      await options.check(written);
      // The copy keeps the source's mtime: that is how the next sync knows it is up to date.
      const mtime = new Date(file.mtimeMs);
      await fs.promises.utimes(temp, mtime, mtime);
      await fs.promises.rename(temp, path.join(realDir, basename));
      return written;
    } catch (error) {
      await fs.promises.rm(temp, { force: true }).catch(() => {});
      throw error;
    }
  }

  async close(): Promise<void> {}

  private async resolveRoot(): Promise<string> {
    if (this.realRoot) return this.realRoot;
    const real = await this.reader.resolveRoot();
    // Listable, or every file would look missing: a mount point with the wrong permissions is a failure.
    try {
      await (await fs.promises.opendir(real)).close();
    } catch (error) {
      throw new SourceUnavailableError(`${this.description} cannot be read: ${(error as Error).message}`, { cause: error });
    }
    this.realRoot = real;
    return real;
  }
}
