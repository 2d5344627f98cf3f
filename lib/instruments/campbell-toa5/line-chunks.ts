// Turns a byte stream into buffers that hold only whole lines, so the TOA5 parser can walk lines with
// Buffer.indexOf inside one buffer and never sees a line split across two reads.

import type { Readable } from 'node:stream';
import { MAX_LINE_BYTES } from './file-snapshot';

export interface LineChunk {
  bytes: Buffer;
  /** False only for the final chunk when the file does not end with a line end. */
  terminated: boolean;
}

/** Thrown when a line exceeds MAX_LINE_BYTES; the caller knows the line number and words the error. */
export class LineTooLongError extends Error {
  constructor() {
    super(`line longer than ${MAX_LINE_BYTES} bytes`);
    this.name = 'LineTooLongError';
  }
}

export async function* lineChunks(stream: Readable): AsyncGenerator<LineChunk> {
  // Pieces of the line still waiting for its end; joined once, when the end arrives.
  let pieces: Buffer[] = [];
  let pendingBytes = 0;
  for await (const data of stream) {
    const chunk = data as Buffer;
    const lastNewline = chunk.lastIndexOf(10);
    if (lastNewline < 0) {
      pieces.push(chunk);
      pendingBytes += chunk.length;
      if (pendingBytes > MAX_LINE_BYTES) throw new LineTooLongError();
      continue;
    }
    const head = chunk.subarray(0, lastNewline + 1);
    // Only the line that started in earlier chunks can be long; lines inside one read are shorter than it.
    if (pendingBytes > 0 && pendingBytes + chunk.indexOf(10) > MAX_LINE_BYTES) throw new LineTooLongError();
    yield { bytes: pieces.length > 0 ? Buffer.concat([...pieces, head]) : head, terminated: true };
    const rest = chunk.subarray(lastNewline + 1);
    pieces = rest.length > 0 ? [rest] : [];
    pendingBytes = rest.length;
  }
  if (pendingBytes > 0) yield { bytes: Buffer.concat(pieces), terminated: false };
}
