// Copying one file along a hop, and hashing files on either side (sha256 mode). A copy lands under its final
// name only when every byte the listing promised arrived and the source did not change meanwhile; otherwise
// the target keeps what it had, and the next sync tries again.
import type { SourceEntry } from '../sources/types';
import { sha256OfStream } from '../files/checksums';
import type { MirrorTree, Written } from './tree';

/** The source changed or shrank during the copy: not an error of the target, retried at the next sync. */
export class CopyVerificationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CopyVerificationError';
  }
}

export async function copyFile(source: MirrorTree, target: MirrorTree, entry: SourceEntry, options: { verifyContent: boolean }): Promise<Written> {
  const input = await source.openRead(entry.relativePath, entry.size);
  return target.writeFile(entry.relativePath, input, entry, {
    verifyContent: options.verifyContent,
    check: async (written) => {
      if (written.bytes !== entry.size) {
        throw new CopyVerificationError(`read ${written.bytes} bytes where the listing said ${entry.size}: the file changed during the copy`);
      }
      const now = await source.stat(entry.relativePath);
      if (!now) throw new CopyVerificationError('the file disappeared from the source during the copy');
      if (now.size !== entry.size || now.mtimeMs !== entry.mtimeMs) throw new CopyVerificationError('the file changed on the source during the copy');
    },
  });
}

export async function sha256OfTreeFile(tree: MirrorTree, entry: SourceEntry): Promise<string> {
  const { bytes, sha256 } = await sha256OfStream(await tree.openRead(entry.relativePath, entry.size));
  if (bytes !== entry.size) throw new CopyVerificationError(`${entry.relativePath} on ${tree.description} changed while it was being hashed`);
  return sha256;
}

/** Whether two files have different contents (both read in full; sha256 mode only). */
export async function contentsDiffer(source: MirrorTree, s: SourceEntry, target: MirrorTree, t: SourceEntry): Promise<boolean> {
  const [a, b] = await Promise.all([sha256OfTreeFile(source, s), sha256OfTreeFile(target, t)]);
  return a !== b;
}

/** Runs `work` over `items` with at most `limit` at a time (remote copies wait on round trips, not bandwidth). */
export async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>, signal?: AbortSignal): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length && !signal?.aborted) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}
