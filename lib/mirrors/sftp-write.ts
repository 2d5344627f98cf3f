// The SFTP write primitives a mirror target needs that lib/sources (read-only) does not have.
import crypto from 'node:crypto';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { SFTPWrapper, Stats } from 'ssh2';
import type { Written } from './tree';

const CHUNK = 32 * 1024;
const WRITES_IN_FLIGHT = 16;
// Status codes from the SFTP v3 draft.
export const SFTP_NO_SUCH_FILE = 2;

export function sftpCall<T>(start: (cb: (err: Error | null | undefined, value: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => start((err, value) => (err ? reject(err) : resolve(value))));
}

/** Writes the stream at increasing offsets with several requests in flight; returns what was written. */
export async function pipelinedWrite(sftp: SFTPWrapper, handle: Buffer, input: Readable): Promise<Written> {
  const hash = crypto.createHash('sha256');
  const inFlight: Promise<unknown>[] = [];
  let offset = 0;
  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      hash.update(chunk);
      for (let at = 0; at < chunk.length; at += CHUNK) {
        const piece = chunk.subarray(at, at + CHUNK);
        const position = offset;
        offset += piece.length;
        const write = sftpCall<void>((cb) => sftp.write(handle, piece, 0, piece.length, position, (err) => cb(err, undefined)));
        write.catch(() => {});
        inFlight.push(write);
        if (inFlight.length >= WRITES_IN_FLIGHT) await inFlight.shift();
      }
    }
    await Promise.all(inFlight);
  } finally {
    // Nothing may still be writing into the handle when the caller closes it.
    await Promise.allSettled(inFlight);
  }
  return { bytes: offset, sha256: hash.digest('hex') };
}

/**
 * Renames the finished temporary file to its final name, replacing an older copy there. OpenSSH offers
 * posix-rename (atomic replace); plain SFTP v3 RENAME refuses an existing name, so then the old copy is
 * first moved aside under a hidden name and removed once the new one is in place: the only removal a
 * mirror makes, of a version the source has replaced.
 */
export async function renameOver(sftp: SFTPWrapper, from: string, to: string): Promise<void> {
  const posix = posixRename(sftp, from, to);
  if (posix) return posix;
  try {
    await sftpCall<void>((cb) => sftp.rename(from, to, cb));
    return;
  } catch (error) {
    const existing = await sftpCall<Stats>((cb) => sftp.lstat(to, cb)).catch(() => null);
    if (!existing) throw error;
    if (!existing.isFile()) throw new Error(`${to} exists on the target and is not a file`);
  }
  const aside = path.posix.join(path.posix.dirname(to), `.${path.posix.basename(to).slice(0, 120)}.fieldops-replaced`);
  await sftpCall<void>((cb) => sftp.unlink(aside, cb)).catch(() => {});
  await sftpCall<void>((cb) => sftp.rename(to, aside, cb));
  try {
    await sftpCall<void>((cb) => sftp.rename(from, to, cb));
  } catch (error) {
    // Put the old copy back: a file the target had must not vanish because its update failed.
    await sftpCall<void>((cb) => sftp.rename(aside, to, cb)).catch(() => {});
    throw error;
  }
  await sftpCall<void>((cb) => sftp.unlink(aside, cb)).catch(() => {});
}

/** posix-rename@openssh.com, or null when the server did not offer it (ssh2 then throws at once). */
function posixRename(sftp: SFTPWrapper, from: string, to: string): Promise<void> | null {
  let settle!: (error: Error | null | undefined) => void;
  const done = new Promise<void>((resolve, reject) => (settle = (error) => (error ? reject(error) : resolve())));
  try {
    sftp.ext_openssh_rename(from, to, (error) => settle(error));
  } catch {
    return null;
  }
  return done;
}
