// Reading a file "as it was when opened".
//
// Loggers and LoggerNet append to today's file while we read it. Decision: a parse covers exactly the bytes
// that existed when the parser opened the file (its size at open time). Bytes appended later are ignored
// (the next sync sees a changed file and appends its tail with afterTimeMs). A file that is truncated or
// replaced between opening and reading its data fails with a ParseError instead of mixing two files.

import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { ParseError } from '../types';

/** No Campbell line comes anywhere near this; a longer "line" is a binary or broken file. */
export const MAX_LINE_BYTES = 16 * 1024 * 1024;
const HEAD_READ_BYTES = 64 * 1024;

export interface FileSnapshot {
  path: string;
  fileName: string;
  size: number;
  dev: number;
  ino: number;
}

export interface HeadLines {
  snapshot: FileSnapshot;
  /** Line contents without their line end (`\n` or `\r\n`). */
  lines: Buffer[];
  /** For each line, the byte offset just after it (after its line end, if it has one). */
  lineEnds: number[];
  /** False when the last line returned ran to the end of the file without a line end. */
  lastTerminated: boolean;
}

/** Reads up to `count` lines from the start of a file, at most MAX_LINE_BYTES each. */
export async function readHeadLines(path: string, fileName: string, count: number): Promise<HeadLines> {
  const handle = await open(path, 'r');
  try {
    const stat = await handle.stat();
    const snapshot: FileSnapshot = { path, fileName, size: stat.size, dev: stat.dev, ino: stat.ino };
    const lines: Buffer[] = [];
    const lineEnds: number[] = [];
    let pending: Buffer = Buffer.alloc(0);
    let position = 0;
    let lineStart = 0;
    while (lines.length < count) {
      const newline = pending.indexOf(10);
      if (newline >= 0) {
        const end = newline > 0 && pending[newline - 1] === 13 ? newline - 1 : newline;
        lines.push(pending.subarray(0, end));
        lineStart += newline + 1;
        lineEnds.push(lineStart);
        pending = pending.subarray(newline + 1);
        continue;
      }
      if (pending.length > MAX_LINE_BYTES) throw lineTooLong(fileName, lines.length + 1);
      if (position >= snapshot.size) break;
      const chunk = Buffer.alloc(Math.min(HEAD_READ_BYTES + pending.length, snapshot.size - position));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, position);
      if (bytesRead === 0) break;
      position += bytesRead;
      pending = Buffer.concat([pending, chunk.subarray(0, bytesRead)]);
    }
    if (lines.length < count && pending.length > 0) {
      if (pending.length > MAX_LINE_BYTES) throw lineTooLong(fileName, lines.length + 1);
      lines.push(pending);
      lineEnds.push(lineStart + pending.length);
      return { snapshot, lines, lineEnds, lastTerminated: false };
    }
    return { snapshot, lines, lineEnds, lastTerminated: true };
  } finally {
    await handle.close();
  }
}

export function lineTooLong(fileName: string, line: number): ParseError {
  return new ParseError(
    fileName,
    `longer than ${MAX_LINE_BYTES / 1024 / 1024} MiB without a line end (expected a Campbell header or data line; is this a binary or corrupted file?)`,
    { line },
  );
}

/**
 * Streams bytes [start, end) of the snapshot's file (end defaults to its size at open time), after checking
 * that it is still the same file and not shorter than when it was opened.
 */
export async function openSnapshotStream(
  snapshot: FileSnapshot,
  start: number,
  chunkBytes: number,
  end = snapshot.size,
): Promise<Readable> {
  const handle = await open(snapshot.path, 'r');
  try {
    const stat = await handle.stat();
    if (stat.dev !== snapshot.dev || stat.ino !== snapshot.ino) {
      throw new ParseError(snapshot.fileName, 'the file was replaced while being read (expected the file opened for its header)');
    }
    if (stat.size < snapshot.size) {
      throw new ParseError(
        snapshot.fileName,
        `the file shrank from ${snapshot.size} to ${stat.size} bytes while being read (expected it to stay or grow)`,
      );
    }
  } catch (error) {
    await handle.close();
    throw error;
  }
  if (start >= end) {
    await handle.close();
    return Readable.from([]);
  }
  // The stream owns the handle from here and closes it at the end, on error or on destroy().
  return handle.createReadStream({ start, end: end - 1, highWaterMark: chunkBytes, autoClose: true });
}
