// A source that is a local or mounted folder. Symlinks are never followed: one pointing out of the root
// could pull any file on the host into the raw store, and one pointing inside it only duplicates a file
// that is listed anyway (a `latest.nc` link would otherwise be ingested twice). Special files (FIFOs,
// sockets, devices) are skipped because reading them can block forever.
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { childPath } from './relative-path';
import { SourceUnavailableError, type Source, type SourceEntry, type SourceListing } from './types';

export class LocalFolderSource implements Source {
  readonly description: string;
  private realRoot: string | null = null;

  /** `what` names the folder in error messages ("source folder /data/raw/cl61 does not exist …"). */
  constructor(
    private readonly root: string,
    private readonly what = 'source folder',
  ) {
    this.description = path.resolve(root);
  }

  async list(): Promise<SourceListing> {
    const root = await this.resolveRoot();
    const listing: SourceListing = { entries: [], skipped: [] };
    const pending: string[] = [''];
    while (pending.length > 0) {
      const dirRel = pending.pop()!;
      let dir: fs.Dir;
      try {
        dir = await fs.promises.opendir(path.join(root, dirRel));
      } catch (error) {
        // The root was readable a moment ago; an unreadable subfolder should not hide everything else.
        listing.skipped.push({ relativePath: dirRel, kind: 'unreadable', reason: `cannot read folder: ${(error as Error).message}` });
        continue;
      }
      for await (const dirent of dir) {
        const child = childPath(dirRel, dirent.name);
        if (child.problem) {
          listing.skipped.push({ relativePath: child.path, kind: 'unsafe-name', reason: child.problem });
        } else if (dirent.isDirectory()) {
          pending.push(child.path);
        } else if (dirent.isSymbolicLink()) {
          listing.skipped.push({ relativePath: child.path, kind: 'symlink', reason: 'symbolic link (never followed)' });
        } else if (!dirent.isFile()) {
          listing.skipped.push({ relativePath: child.path, kind: 'not-a-file', reason: 'not a regular file' });
        } else {
          const entry = await this.stat(child.path);
          if (entry) listing.entries.push({ relativePath: child.path, ...entry });
        }
      }
    }
    return listing;
  }

  async stat(relativePath: string): Promise<Omit<SourceEntry, 'relativePath'> | null> {
    const root = await this.resolveRoot();
    try {
      const stat = await fs.promises.lstat(path.join(root, relativePath));
      // Rounded, not truncated: utimes() stores seconds as a double, so a time set to 12.616 s reads back as
      // 12.615999…, and the raw copy's mtime (set from this value) would drift a millisecond per round trip.
      return stat.isFile() ? { size: stat.size, mtimeMs: Math.round(stat.mtimeMs) } : null;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async openRead(relativePath: string): Promise<Readable> {
    const root = await this.resolveRoot();
    const full = path.join(root, relativePath);
    // A folder on the way could have been swapped for a symlink since the listing.
    const realDir = await fs.promises.realpath(path.dirname(full));
    if (realDir !== root && !realDir.startsWith(root + path.sep)) {
      throw new Error(`${relativePath}: its folder now resolves outside the source root`);
    }
    // O_NOFOLLOW: the file itself must not have become a symlink either.
    const handle = await fs.promises.open(full, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
    return handle.createReadStream();
  }

  async close(): Promise<void> {}

  /** The root with its own symlinks resolved (a mounted disk behind a link is a normal setup). */
  async resolveRoot(): Promise<string> {
    if (this.realRoot) return this.realRoot;
    let real: string;
    try {
      real = await fs.promises.realpath(this.root);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? 'does not exist (is the disk mounted?)' : `cannot be opened: ${(error as Error).message}`;
      throw new SourceUnavailableError(`${this.named()} ${why}`, { cause: error });
    }
    const stat = await fs.promises.stat(real);
    if (!stat.isDirectory()) throw new SourceUnavailableError(`${this.named()} is not a folder`);
    this.realRoot = real;
    return real;
  }

  private named(): string {
    return this.what ? `${this.what} ${this.description}` : this.description;
  }
}
