// The six ASCII header lines of a TOB3 file (Campbell's TOB3 layout; TOB1 shares lines 3-6):
//   1 "TOB3", station, model, serial, OS, program, signature, file creation time
//   2 table, record interval, frame size (bytes), intended table size (records), validation stamp,
//     frame time resolution, ring record number, card removal time, table signature
//   3 field names   4 units   5 processing   6 data types

import { ParseError } from '../types';
import { type HeaderColumn, splitCsvLine } from '../campbell-toa5/header';
import { parseFrameResolution, parseRecordInterval } from './timing';

export const TOB3_HEADER_LINES = 6;
/** Frames are a few kB (a minor frame's size has 12 bits); far larger claims are corrupt headers. */
export const MAX_FRAME_BYTES = 1024 * 1024;
const MAX_FIELDS = 10_000;

export interface Tob3Header {
  environment: { station: string; model: string; serial: string; os: string; program: string; signature: string; created: string };
  table: string;
  recordIntervalText: string;
  recordIntervalMs: number;
  frameBytes: number;
  intendedRecords: number;
  validationStamp: number;
  resolutionText: string;
  resolutionMs: number;
  ringRecord: number;
  cardRemovalTime: number;
  columns: HeaderColumn[];
}

function fields(text: string, fileName: string, line: number): string[] {
  const split = splitCsvLine(text);
  if (!split) throw new ParseError(fileName, 'a quoted header field is not closed (expected "...")', { line });
  if (split.length > MAX_FIELDS) throw new ParseError(fileName, `${split.length} fields (expected at most ${MAX_FIELDS})`, { line });
  return split;
}

function wholeNumber(text: string | undefined, what: string, max: number, fileName: string): number {
  const value = Number((text ?? '').trim());
  if (!/^\s*\d+\s*$/.test(text ?? '') || !Number.isSafeInteger(value) || value > max) {
    throw new ParseError(fileName, `${what} is "${(text ?? '').slice(0, 40)}" (expected a whole number up to ${max})`, { line: 2 });
  }
  return value;
}

/** `lines` are the six decoded header lines. */
export function parseTob3Header(lines: string[], fileName: string): Tob3Header {
  const env = fields(lines[0] ?? '', fileName, 1);
  if ((env[0] ?? '').trim() !== 'TOB3') {
    throw new ParseError(fileName, `expected a TOB3 header line starting with "TOB3", found "${(lines[0] ?? '').slice(0, 40)}"`, { line: 1 });
  }
  if (env.length < 8) throw new ParseError(fileName, `expected 8 fields (file type, station, model, serial, OS, program, signature, creation time), found ${env.length}`, { line: 1 });
  const table = fields(lines[1] ?? '', fileName, 2);
  // Campbell's reader requires all 8 for TOB3 (ring record and card removal time included); so do we.
  if (table.length < 8) {
    throw new ParseError(fileName, `expected at least 8 fields (table, record interval, frame size, table size, validation stamp, time resolution, ring record, card removal time), found ${table.length}`, { line: 2 });
  }
  const recordIntervalMs = parseRecordInterval(table[1]!);
  if (recordIntervalMs === null || recordIntervalMs <= 0) {
    throw new ParseError(fileName, `record interval "${table[1]!.slice(0, 40)}" is not a positive interval like "100 MSEC" (tables without a fixed interval are not supported)`, { line: 2 });
  }
  const resolutionMs = parseFrameResolution(table[5]!);
  if (resolutionMs === null) throw new ParseError(fileName, `frame time resolution "${table[5]!.slice(0, 40)}" is not one like "Sec100Usec" or "SecMsec"`, { line: 2 });
  const names = fields(lines[2] ?? '', fileName, 3);
  const units = fields(lines[3] ?? '', fileName, 4);
  const processing = fields(lines[4] ?? '', fileName, 5);
  const types = fields(lines[5] ?? '', fileName, 6);
  if (names.length === 1 && names[0]!.trim() === '') throw new ParseError(fileName, 'expected the field names, found an empty line', { line: 3 });
  for (const [list, line, what] of [[units, 4, 'units'], [processing, 5, 'processing'], [types, 6, 'data types']] as const) {
    if (list.length !== names.length) throw new ParseError(fileName, `expected ${names.length} ${what} (one per field name), found ${list.length}`, { line });
  }
  const [, station = '', model = '', serial = '', os = '', program = '', signature = '', created = ''] = env;
  return {
    environment: { station, model, serial, os, program, signature, created },
    table: table[0]!,
    recordIntervalText: table[1]!.trim(),
    recordIntervalMs,
    frameBytes: wholeNumber(table[2], 'frame size', MAX_FRAME_BYTES, fileName),
    intendedRecords: wholeNumber(table[3], 'intended table size', Number.MAX_SAFE_INTEGER, fileName),
    validationStamp: wholeNumber(table[4], 'validation stamp', 0xffff, fileName),
    resolutionText: table[5]!.trim(),
    resolutionMs,
    ringRecord: wholeNumber(table[6], 'ring record number', 0xffffffff, fileName),
    cardRemovalTime: wholeNumber(table[7], 'card removal time', 0xffffffff, fileName),
    columns: names.map((name, i) => ({ name, unit: units[i]!, processing: processing[i]!, dataType: types[i]!.trim() })),
  };
}
