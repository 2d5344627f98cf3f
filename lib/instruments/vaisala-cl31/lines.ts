// Reads a file as raw lines (bytes up to and including LF), numbered from 1, in bounded memory. The bytes are
// kept as they are because the message CRC covers them, CR LF included.

import { createReadStream } from 'node:fs';
import { ParseError } from '../types';

/** The longest legal line is a CL51 profile (5 x 2048 hex digits, CR LF); anything far beyond is not ours. */
export const MAX_LINE_BYTES = 16 * 1024;

export interface RawLine {
  number: number;
  /** Including the line end when there is one (the last line of a file may have none). */
  bytes: Buffer;
}

export async function* readLines(path: string, fileName: string): AsyncGenerator<RawLine> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let number = 0;
  for await (const data of createReadStream(path, { highWaterMark: 64 * 1024 })) {
    let chunk = data as Buffer;
    for (;;) {
      const newline = chunk.indexOf(10);
      if (newline < 0) break;
      const piece = chunk.subarray(0, newline + 1);
      number++;
      if (pendingBytes + piece.length > MAX_LINE_BYTES) tooLong(fileName, number);
      yield { number, bytes: pending.length > 0 ? Buffer.concat([...pending, piece]) : piece };
      pending = [];
      pendingBytes = 0;
      chunk = chunk.subarray(newline + 1);
    }
    if (chunk.length > 0) {
      pending.push(Buffer.from(chunk));
      pendingBytes += chunk.length;
      if (pendingBytes > MAX_LINE_BYTES) tooLong(fileName, number + 1);
    }
  }
  if (pendingBytes > 0) yield { number: number + 1, bytes: Buffer.concat(pending) };
}

function tooLong(fileName: string, line: number): never {
  throw new ParseError(fileName, `line longer than ${MAX_LINE_BYTES} bytes: not a ceilometer message file`, { line });
}

/** The line without its CR LF (or LF), as latin1 text. */
export function lineText(line: RawLine): string {
  let end = line.bytes.length;
  while (end > 0 && (line.bytes[end - 1] === 10 || line.bytes[end - 1] === 13)) end--;
  return line.bytes.toString('latin1', 0, end);
}
