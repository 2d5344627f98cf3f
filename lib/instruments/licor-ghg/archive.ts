// The .ghg container: a zip holding `<name>.data` (tab-separated 10-20 Hz records) and `<name>.metadata`
// (INI settings), sometimes with `-biomet.data`/`-biomet.metadata` beside them. yauzl reads the central
// directory; members are streamed, never held whole, and checked against their CRC-32 (yauzl does not).

import { crc32, createInflateRaw } from 'node:zlib';
import { Transform, type Readable } from 'node:stream';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { ParseError } from '../types';

/** A .ghg holds a handful of members; thousands means this is some other zip (or a hostile one). */
const MAX_ENTRIES = 64;
/** Metadata is ~14 kB; anything beyond this is not a metadata file. */
export const MAX_METADATA_BYTES = 1024 * 1024;
/** A whole day at 20 Hz is ~600 MB of text; a larger claim (up to zip32's 4 GiB) is refused before inflating anything. */
export const MAX_DATA_BYTES = 2 * 1024 * 1024 * 1024;

export interface GhgArchive {
  zip: ZipFile;
  data: Entry;
  metadata: Entry;
  /** Other members (biomet files and the like), by name; kept on the ledger, not parsed. */
  otherMembers: string[];
}

function zipError(fileName: string, error: unknown): ParseError {
  const reason = error instanceof Error ? error.message : String(error);
  return new ParseError(fileName, `not a readable .ghg (zip) archive: ${reason}`);
}

export async function openGhg(path: string, fileName: string): Promise<GhgArchive> {
  let zip: ZipFile;
  try {
    zip = await yauzl.openPromise(path, { autoClose: false, strictFileNames: true });
  } catch (error) {
    throw zipError(fileName, error);
  }
  try {
    if (zip.entryCount > MAX_ENTRIES) throw new ParseError(fileName, `the archive lists ${zip.entryCount} members (expected a .data and a .metadata file)`);
    const entries: Entry[] = [];
    try {
      for await (const entry of zip.eachEntry()) entries.push(entry);
    } catch (error) {
      throw zipError(fileName, error);
    }
    const isBiomet = (entry: Entry) => /-biomet\.(data|metadata)$/i.test(entry.fileName);
    const data = entries.filter((e) => /\.data$/i.test(e.fileName) && !isBiomet(e));
    const metadata = entries.filter((e) => /\.metadata$/i.test(e.fileName) && !isBiomet(e));
    if (data.length !== 1 || metadata.length !== 1) {
      const names = entries.map((e) => e.fileName).join(', ') || 'nothing';
      throw new ParseError(fileName, `expected one .data and one .metadata member, found ${names}`);
    }
    for (const entry of [data[0]!, metadata[0]!]) {
      if (entry.isEncrypted() || !entry.canDecodeFileData()) {
        throw new ParseError(fileName, `member ${entry.fileName} is encrypted or uses an unsupported compression method (expected stored or deflated)`);
      }
    }
    if (metadata[0]!.uncompressedSize > MAX_METADATA_BYTES) {
      throw new ParseError(fileName, `member ${metadata[0]!.fileName} claims ${metadata[0]!.uncompressedSize} bytes (expected at most ${MAX_METADATA_BYTES})`);
    }
    if (data[0]!.uncompressedSize > MAX_DATA_BYTES) {
      throw new ParseError(fileName, `member ${data[0]!.fileName} claims ${data[0]!.uncompressedSize} bytes (expected at most ${MAX_DATA_BYTES})`);
    }
    const parsed = new Set([data[0]!, metadata[0]!]);
    return { zip, data: data[0]!, metadata: metadata[0]!, otherMembers: entries.filter((e) => !parsed.has(e)).map((e) => e.fileName) };
  } catch (error) {
    zip.close();
    throw error;
  }
}

/** Inflated pieces this large keep per-chunk overhead (callbacks, line splitting) small at 20 Hz. */
const INFLATE_CHUNK_BYTES = 256 * 1024;

/**
 * A member's bytes as a stream that fails with a ParseError when inflating fails, the size differs from the
 * directory's claim (checked as bytes arrive, so a zip bomb stops at its claim) or the CRC-32 does not match.
 * yauzl hands over the compressed bytes and we inflate them ourselves, with large output chunks.
 */
export async function openMember(archive: GhgArchive, entry: Entry, fileName: string): Promise<Readable> {
  let raw: Readable;
  try {
    raw = await archive.zip.openReadStreamPromise(entry, { decodeFileData: false });
  } catch (error) {
    throw zipError(fileName, error);
  }
  const inflater = entry.compressionMethod === 8 ? createInflateRaw({ chunkSize: INFLATE_CHUNK_BYTES }) : null;
  let crc = 0;
  let size = 0;
  const sizeError = (found: string) =>
    new ParseError(fileName, `member ${entry.fileName} holds ${found} bytes, not the ${entry.uncompressedSize} its directory entry claims (the archive is corrupted)`);
  const checked = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      if (size > entry.uncompressedSize) return done(sizeError(`more than ${entry.uncompressedSize}`));
      crc = crc32(chunk, crc);
      done(null, chunk);
    },
    flush(done) {
      if (size !== entry.uncompressedSize) done(sizeError(String(size)));
      else if (crc >>> 0 !== entry.crc32 >>> 0) done(new ParseError(fileName, `member ${entry.fileName} fails its CRC-32 check (the archive is corrupted)`));
      else done();
    },
  });
  const fail = (error: unknown) => checked.destroy(error instanceof ParseError ? error : zipError(fileName, error));
  raw.on('error', fail);
  inflater?.on('error', fail);
  // Stopping early (a parse error, a consumer that quits) must stop reading and inflating too.
  checked.once('close', () => {
    raw.unpipe();
    inflater?.unpipe();
    raw.destroy();
    inflater?.destroy();
  });
  return inflater ? raw.pipe(inflater).pipe(checked) : raw.pipe(checked);
}

/** A small member, whole, as text. */
export async function readSmallMember(archive: GhgArchive, entry: Entry, fileName: string): Promise<string> {
  const stream = await openMember(archive, entry, fileName);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > MAX_METADATA_BYTES) {
      stream.destroy();
      throw new ParseError(fileName, `member ${entry.fileName} is larger than ${MAX_METADATA_BYTES} bytes`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
