// A TOB1 file's layout: its header, where each field sits inside a fixed-size record, and how many whole
// records the file holds. Everything here is known before the first record is decoded.

import { open } from 'node:fs/promises';
import { ParseError } from '../types';
import { type FileSnapshot, readHeadLines } from './file-snapshot';
import { type CampbellHeader, decodeHeaderLine, parseEnvironment, parseHeader } from './header';
import { KNOWN_TOB1_TYPES, type TypeCode, parseTob1Type } from './tob1-types';
import { RECORD_COLUMN, TOB1_NANOSECONDS_COLUMN, TOB1_SECONDS_COLUMN, columnIndex } from './variables';

const HEADER_LINES = 5;

/** Where one field sits in a record and how to read it. */
export interface FieldSlot {
  offset: number;
  code: TypeCode;
}

export interface Tob1Layout {
  snapshot: FileSnapshot;
  header: CampbellHeader;
  recordBytes: number;
  dataStart: number;
  recordCount: number;
  /** A lone `\n` or `\r\n` after the last record (added by editors and transfers); 0, 1 or 2. */
  trailingLineEndBytes: number;
  seconds: FieldSlot;
  nanoseconds: FieldSlot | null;
  record: FieldSlot | null;
  /** Numeric fields, in file order; they become the variables. */
  valueColumns: number[];
  valueSlots: FieldSlot[];
  /** ASCII(n) fields and timestamp-valued fields (SecNano, NSec): kept out of the variables. */
  stringColumns: string[];
}

async function readTail(path: string, at: number, length: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const bytes = Buffer.alloc(length);
    const { bytesRead } = await handle.read(bytes, 0, length, at);
    return bytes.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

export async function readTob1Layout(path: string, fileName: string): Promise<Tob1Layout> {
  const head = await readHeadLines(path, fileName, HEADER_LINES);
  // Line 1 first: a file that is not TOB1 at all should say so, not that its header is short.
  if (head.lines[0]) parseEnvironment(decodeHeaderLine(head.lines[0], fileName, 1), fileName, 'TOB1');
  if (head.lines.length < HEADER_LINES) {
    throw new ParseError(fileName, `the header ends early: expected ${HEADER_LINES} header lines, found ${head.lines.length}`, {
      line: head.lines.length + 1,
    });
  }
  const text = head.lines.map((line, i) => decodeHeaderLine(line, fileName, i + 1));
  const header = parseHeader(text, fileName, 'TOB1');
  const slots: FieldSlot[] = [];
  const valueColumns: number[] = [];
  const stringColumns: string[] = [];
  let recordBytes = 0;
  header.columns.forEach((column, i) => {
    const type = parseTob1Type(column.dataType ?? '');
    if (!type) {
      throw new ParseError(fileName, `field ${i + 1} (${column.name}): unknown data type "${column.dataType}" (expected one of ${KNOWN_TOB1_TYPES})`, {
        line: 5,
      });
    }
    slots.push({ offset: recordBytes, code: type.code });
    recordBytes += type.size;
    if (!type.numeric) stringColumns.push(column.name);
  });
  const secondsIndex = columnIndex(header.columns, TOB1_SECONDS_COLUMN);
  if (secondsIndex < 0) {
    throw new ParseError(fileName, `expected a "${TOB1_SECONDS_COLUMN}" field (TOB1 files without timestamps are not supported)`, { line: 2 });
  }
  const nanosecondsIndex = columnIndex(header.columns, TOB1_NANOSECONDS_COLUMN);
  const recordIndex = columnIndex(header.columns, RECORD_COLUMN);
  const special = new Set([secondsIndex, nanosecondsIndex, recordIndex]);
  header.columns.forEach((column, i) => {
    if (!special.has(i) && !stringColumns.includes(column.name)) valueColumns.push(i);
  });

  const dataStart = head.lineEnds[HEADER_LINES - 1] ?? head.snapshot.size;
  const dataBytes = head.snapshot.size - dataStart;
  const recordCount = Math.floor(dataBytes / recordBytes);
  const leftover = dataBytes - recordCount * recordBytes;
  let trailingLineEndBytes = 0;
  if (leftover > 0) {
    const partialAt = dataStart + recordCount * recordBytes;
    const tail = leftover <= 2 ? (await readTail(path, partialAt, leftover)).toString('latin1') : '';
    if (tail !== '\n' && tail !== '\r\n') {
      throw new ParseError(
        fileName,
        `truncated last record: ${leftover} of ${recordBytes} bytes (expected whole ${recordBytes}-byte records; the file was cut short or is still being written)`,
        { byteOffset: partialAt },
      );
    }
    trailingLineEndBytes = leftover;
  }
  const slotAt = (index: number): FieldSlot | null => (index >= 0 ? (slots[index] ?? null) : null);
  return {
    snapshot: head.snapshot,
    header,
    recordBytes,
    dataStart,
    recordCount,
    trailingLineEndBytes,
    seconds: slots[secondsIndex]!,
    nanoseconds: slotAt(nanosecondsIndex),
    record: slotAt(recordIndex),
    valueColumns,
    valueSlots: valueColumns.map((i) => slots[i]!),
    stringColumns,
  };
}
