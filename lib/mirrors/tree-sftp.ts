// A hop side on an SFTP server (key authentication). Listing and reading go through lib/sources' SftpSource
// (one per listed folder, so a folder that is missing or unreadable is told apart from the server being
// down); writes use one session of their own. Writes are pipelined like the source's reads, because an
// archive at the other end of a satellite link would otherwise take one 32 KiB packet per round trip.
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { SFTPWrapper, Stats } from 'ssh2';
import { SftpSource } from '../sources/sftp';
import { describeTarget, openSftpSession, type SftpSession, type SftpTarget } from '../sources/sftp-connect';
import { checkRelativePath } from '../sources/relative-path';
import { SourceUnavailableError, type SourceEntry, type SourceListing } from '../sources/types';
import { sha256OfStream } from '../files/checksums';
import { addListing, partialName, type MirrorTree, type WriteOptions, type Written } from './tree';
import { pipelinedWrite, renameOver, sftpCall, SFTP_NO_SUCH_FILE } from './sftp-write';

export class SftpTree implements MirrorTree {
  readonly description: string;
  private readonly reader: SftpSource;
  private session: Promise<SftpSession> | null = null;
  /** Folders known to exist, so writing many files into one folder stats it once. */
  private readonly knownFolders = new Set<string>();

  constructor(private readonly target: SftpTarget) {
    this.description = describeTarget(target);
    this.reader = new SftpSource(target);
  }

  async checkRoot(): Promise<void> {
    const sftp = await this.sftp();
    let attrs: Stats;
    try {
      attrs = await sftpCall<Stats>((cb) => sftp.stat(this.target.root, cb));
    } catch (error) {
      const missing = (error as { code?: number }).code === SFTP_NO_SUCH_FILE;
      throw new SourceUnavailableError(`${this.description}: ${missing ? 'the folder does not exist' : `cannot open the folder: ${(error as Error).message}`}`, { cause: error });
    }
    if (!attrs.isDirectory()) throw new SourceUnavailableError(`${this.description} is not a folder`);
    try {
      await sftpCall<Buffer>((cb) => sftp.opendir(this.target.root, cb)).then((h) => sftpCall<void>((cb) => sftp.close(h, cb)));
    } catch (error) {
      throw new SourceUnavailableError(`${this.description}: cannot list the folder: ${(error as Error).message}`, { cause: error });
    }
  }

  async list(folders: string[]): Promise<SourceListing> {
    const sftp = await this.sftp();
    const listing: SourceListing = { entries: [], skipped: [] };
    for (const folder of folders) {
      const remote = path.posix.join(this.target.root, folder);
      try {
        const attrs = await sftpCall<Stats>((cb) => sftp.stat(remote, cb));
        if (!attrs.isDirectory()) {
          listing.skipped.push({ relativePath: folder, kind: 'unreadable', reason: 'is a file where a folder was expected' });
          continue;
        }
      } catch (error) {
        if ((error as { code?: number }).code === SFTP_NO_SUCH_FILE) continue;
        listing.skipped.push({ relativePath: folder, kind: 'unreadable', reason: `cannot read folder: ${(error as Error).message}` });
        continue;
      }
      const source = new SftpSource({ ...this.target, root: remote });
      try {
        addListing(listing, folder, await source.list());
      } catch (error) {
        if (!(error instanceof SourceUnavailableError)) throw error;
        listing.skipped.push({ relativePath: folder, kind: 'unreadable', reason: error.message });
      } finally {
        await source.close();
      }
    }
    return listing;
  }

  stat(relativePath: string): Promise<Omit<SourceEntry, 'relativePath'> | null> {
    return this.reader.stat(relativePath);
  }

  openRead(relativePath: string, expectedSize: number): Promise<Readable> {
    return this.reader.openRead(relativePath, expectedSize);
  }

  async writeFile(relativePath: string, input: Readable, file: Omit<SourceEntry, 'relativePath'>, options: WriteOptions): Promise<Written> {
    const unsafe = checkRelativePath(relativePath);
    if (unsafe) throw new Error(`refusing to write ${JSON.stringify(relativePath)}: ${unsafe}`);
    const sftp = await this.sftp();
    const folder = path.posix.dirname(relativePath);
    await this.makeFolders(sftp, folder);
    const basename = path.posix.basename(relativePath);
    const finalPath = path.posix.join(this.target.root, relativePath);
    const tempRelative = path.posix.join(folder, partialName(basename));
    const temp = path.posix.join(this.target.root, tempRelative);
    let handle: Buffer | null = null;
    try {
      // A leftover from an interrupted copy is ours; removing it first lets the exclusive open refuse anything else.
      await sftpCall<void>((cb) => sftp.unlink(temp, cb)).catch(() => {});
      handle = await sftpCall<Buffer>((cb) => sftp.open(temp, 'wx', { mode: 0o644 }, cb));
      const written = await pipelinedWrite(sftp, handle, input);
      const h = handle;
      handle = null;
      await sftpCall<void>((cb) => sftp.close(h, cb));
      const landed = await sftpCall<Stats>((cb) => sftp.stat(temp, cb));
      if (landed.size !== written.bytes) throw new Error(`the copy on the server has ${landed.size} bytes where ${written.bytes} were written`);
      if (options.verifyContent) {
        const back = await sha256OfStream(await this.reader.openRead(tempRelative, written.bytes));
        if (back.sha256 !== written.sha256) throw new Error(`the copy on the server has sha256 ${back.sha256} where ${written.sha256} was written`);
      }
      await options.check(written);
      // Whole seconds: all SFTP v3 can carry; comparisons of mtimes are made at that resolution.
      const mtime = Math.floor(file.mtimeMs / 1000);
      await sftpCall<void>((cb) => sftp.utimes(temp, mtime, mtime, cb));
      await renameOver(sftp, temp, finalPath);
      return written;
    } catch (error) {
      if (handle) await sftpCall<void>((cb) => sftp.close(handle!, cb)).catch(() => {});
      await sftpCall<void>((cb) => sftp.unlink(temp, cb)).catch(() => {});
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.reader.close();
    const session = this.session;
    this.session = null;
    if (session) (await session.catch(() => null))?.end();
  }

  private async sftp(): Promise<SFTPWrapper> {
    this.session ??= openSftpSession(this.target);
    try {
      return (await this.session).sftp;
    } catch (error) {
      this.session = null;
      throw error;
    }
  }

  /** mkdir -p below the root, which must exist already (a missing root is a failure, not something to create). */
  private async makeFolders(sftp: SFTPWrapper, folder: string): Promise<void> {
    if (folder === '.' || this.knownFolders.has(folder)) return;
    let at = '';
    for (const segment of folder.split('/')) {
      at = at ? `${at}/${segment}` : segment;
      if (this.knownFolders.has(at)) continue;
      const remote = path.posix.join(this.target.root, at);
      const attrs = await sftpCall<Stats>((cb) => sftp.stat(remote, cb)).catch(() => null);
      if (!attrs) {
        // Another writer may create it at the same moment: only a folder still missing afterwards is an error.
        await sftpCall<void>((cb) => sftp.mkdir(remote, { mode: 0o755 }, cb)).catch(async (error: Error) => {
          const now = await sftpCall<Stats>((cb) => sftp.stat(remote, cb)).catch(() => null);
          if (!now?.isDirectory()) throw new Error(`cannot create folder ${at}: ${error.message}`);
        });
      } else if (!attrs.isDirectory()) {
        throw new Error(`${at} exists on the target and is not a folder`);
      }
      this.knownFolders.add(at);
    }
  }
}
