// Cheap checks of the first bytes before HDF5 sees the file. They give clearer messages than HDF5's error
// stack for the common bad inputs (not HDF5 at all, cut short during transfer), and they keep those inputs
// away from h5wasm, where every error costs a little of the instance's life (see engine.ts).
import { open } from 'node:fs/promises';
import { ParseError } from '../types';

/** `\x89HDF\r\n\x1a\n`: the HDF5 format signature, at byte 0 in netCDF-4 files (no user block). */
export const HDF5_SIGNATURE = Uint8Array.from([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]);

const HEADER_BYTES = 64;

export function hasHdf5Signature(head: Uint8Array): boolean {
  return head.length >= HDF5_SIGNATURE.length && HDF5_SIGNATURE.every((byte, i) => head[i] === byte);
}

/** Throws a ParseError unless the file starts like a complete HDF5 file. */
export async function checkHdf5Header(filePath: string, fileName: string): Promise<void> {
  const handle = await open(filePath, 'r');
  try {
    const size = (await handle.stat()).size;
    const head = new Uint8Array(HEADER_BYTES);
    const { bytesRead } = await handle.read(head, 0, HEADER_BYTES, 0);
    checkHeader(head.subarray(0, bytesRead), size, fileName);
  } finally {
    await handle.close();
  }
}

export function checkHeader(head: Uint8Array, fileSize: number, fileName: string): void {
  if (fileSize === 0) throw new ParseError(fileName, 'file is empty; expected a netCDF-4/HDF5 file');
  if (!hasHdf5Signature(head)) {
    throw new ParseError(fileName, `not an HDF5 file: expected the signature \\x89HDF\\r\\n\\x1a\\n, found ${describeMagic(head)}`, {
      byteOffset: 0,
    });
  }
  const storedEnd = storedEndOfFile(head);
  if (storedEnd === 'incomplete') {
    throw new ParseError(fileName, `file is truncated: only ${fileSize} bytes, the HDF5 superblock is incomplete`, { byteOffset: fileSize });
  }
  if (storedEnd !== null && storedEnd > fileSize) {
    throw new ParseError(fileName, `file is truncated: ${fileSize} bytes on disk, its HDF5 superblock says ${storedEnd}`, {
      byteOffset: fileSize,
    });
  }
}

function describeMagic(head: Uint8Array): string {
  const text = Buffer.from(head.subarray(0, 4)).toString('latin1');
  if (text.startsWith('CDF')) return 'a netCDF-3 classic file ("CDF"), which CL61 units do not write';
  const hex = Buffer.from(head.subarray(0, 8)).toString('hex').replace(/(..)/g, '$1 ').trim();
  return hex ? `bytes ${hex}` : 'no bytes';
}

/**
 * The end-of-file address recorded in the superblock (base address + EOF address), null when it cannot be
 * decided here (unknown version or offset size: HDF5 will judge), 'incomplete' when the header is cut short.
 * Layouts: HDF5 file format specification, "Superblock" versions 0-3.
 */
function storedEndOfFile(head: Uint8Array): number | 'incomplete' | null {
  const version = head[8];
  if (version === undefined) return 'incomplete';
  const layout =
    version === 0 ? { offsetSizeAt: 13, baseAt: 24 } : version === 1 ? { offsetSizeAt: 13, baseAt: 28 } : version <= 3 ? { offsetSizeAt: 9, baseAt: 12 } : null;
  if (!layout) return null;
  const offsetSize = head[layout.offsetSizeAt];
  if (offsetSize === undefined) return 'incomplete';
  if (offsetSize !== 4 && offsetSize !== 8) return null;
  // Base address, then (v0/v1) free-space address or (v2/v3) extension address, then end-of-file address.
  const eofAt = layout.baseAt + 2 * offsetSize;
  if (head.length < eofAt + offsetSize) return 'incomplete';
  const base = readAddress(head, layout.baseAt, offsetSize);
  const eof = readAddress(head, eofAt, offsetSize);
  return base === null || eof === null ? null : base + eof;
}

/** Little-endian unsigned address; null for HDF5's "undefined address" (all bits set) or absurd values. */
function readAddress(head: Uint8Array, at: number, size: number): number | null {
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const value = size === 8 ? view.getBigUint64(at, true) : BigInt(view.getUint32(at, true));
  const undefinedAddress = size === 8 ? 0xffffffffffffffffn : 0xffffffffn;
  if (value === undefinedAddress || value > BigInt(Number.MAX_SAFE_INTEGER)) return null;
  return Number(value);
}
