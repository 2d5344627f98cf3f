// One DATA line of the .data member -> UTC time, sequence number and values, after its checksum.
// CHK is the sum of the line's bytes up to and including the tab before CHK, modulo 256 (checked against
// every record of the real sample; LI-COR's manuals call it a checksum without giving the formula).

import { ParseError } from '../types';
import type { DataColumns } from './columns';

const NOT_A_NUMBER = /^\s*[+-]?nan\s*$/i;
/** 2100-01-01: a later Seconds value is garbage, not a time. */
const MAX_SECONDS = 4_102_444_800;
const TAB = 9;

export type DecodedLine =
  | { ok: true; timeMs: number; sequence: number | undefined; values: (number | null)[]; nanValues: number }
  | { ok: false };

const shown = (field: string) => JSON.stringify(field.length > 40 ? `${field.slice(0, 40)}...` : field);

/**
 * A value field: the number, null for nan, undefined for anything else. Number() alone would also accept
 * '' and ' ' (as 0) and 0x/0b/0o literals, so those are refused explicitly; the regex runs only on misses.
 */
function valueOf(field: string): number | null | undefined {
  const value = +field;
  if (value - value === 0) {
    if (field.length === 0) return undefined;
    const second = field.charCodeAt(1) | 32;
    if (second === 120 || second === 98 || second === 111) return undefined;
    if (field.charCodeAt(0) <= 32 && field.trim() === '') return undefined;
    return value;
  }
  return NOT_A_NUMBER.test(field) ? null : undefined;
}

function checksumOf(fields: string[], count: number): number {
  let sum = 0;
  for (let f = 0; f < count; f++) {
    const field = fields[f]!;
    for (let i = 0; i < field.length; i++) sum += field.charCodeAt(i);
    sum += TAB;
  }
  return sum & 0xff;
}

/** A line of another record type (`DIAG\t...`) whose last field is a correct CHK for the bytes before it. */
export function isOtherRecord(text: string): boolean {
  const lastTab = text.lastIndexOf('\t');
  if (lastTab <= 0 || !/^[A-Z][A-Z0-9_]{0,15}\t/.test(text)) return false;
  let sum = 0;
  for (let i = 0; i <= lastTab; i++) sum += text.charCodeAt(i);
  const written = text.slice(lastTab + 1);
  return /^\s*\d{1,3}\s*$/.test(written) && (sum & 0xff) === Number(written);
}

/** `text` is the line decoded as latin1 (one char per byte), without its line end. */
export function decodeDataLine(text: string, columns: DataColumns, fileName: string, line: number): DecodedLine {
  const fields = text.split('\t');
  if (columns.checksum >= 0) {
    // A line that fails its checksum is a transmission error from the analyser: skipped, counted by the caller.
    if (fields.length !== columns.fieldCount) return { ok: false };
    const written = Number(fields[columns.checksum]);
    if (!Number.isInteger(written) || checksumOf(fields, columns.checksum) !== written) return { ok: false };
  } else if (fields.length !== columns.fieldCount) {
    throw new ParseError(fileName, `expected ${columns.fieldCount} tab-separated fields (as in the DATAH line), found ${fields.length}`, { line });
  }
  const seconds = valueOf(fields[columns.seconds]!);
  const nanoseconds = valueOf(fields[columns.nanoseconds]!);
  if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds <= 0 || seconds >= MAX_SECONDS) {
    throw new ParseError(fileName, `Seconds is ${shown(fields[columns.seconds]!)} (expected whole seconds since 1970, UTC)`, { line });
  }
  if (typeof nanoseconds !== 'number' || !Number.isInteger(nanoseconds) || nanoseconds < 0 || nanoseconds >= 1e9) {
    throw new ParseError(fileName, `Nanoseconds is ${shown(fields[columns.nanoseconds]!)} (expected 0-999999999)`, { line });
  }
  let sequence: number | undefined;
  if (columns.sequence >= 0) {
    const value = valueOf(fields[columns.sequence]!);
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      throw new ParseError(fileName, `Sequence Number is ${shown(fields[columns.sequence]!)} (expected a whole number)`, { line });
    }
    sequence = value;
  }
  let nanValues = 0;
  const { valueFields } = columns;
  const values: (number | null)[] = new Array(valueFields.length);
  for (let k = 0; k < valueFields.length; k++) {
    const field = fields[valueFields[k]!]!;
    const value = valueOf(field);
    if (value === undefined) {
      throw new ParseError(fileName, `column ${valueFields[k]} (${columns.variables[k]!.name}) is ${shown(field)} (expected a number)`, { line });
    }
    if (value === null) nanValues++;
    values[k] = value;
  }
  return { ok: true, timeMs: seconds * 1000 + nanoseconds / 1e6, sequence, values, nanValues };
}

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_TIME = /^(\d{2}):(\d{2}):(\d{2})(?::(\d{1,3}))?$/;

/**
 * Minutes the logger's local Date/Time column runs ahead of UTC on this line (60 for Europe/Berlin in
 * winter), or null when the line has no readable Date/Time. Shown on the ledger so a wrong logger zone is
 * visible; the rows keep the UTC Seconds.
 */
export function localClockOffsetMinutes(text: string, columns: DataColumns, timeMs: number): number | null {
  if (columns.date < 0 || columns.time < 0) return null;
  const fields = text.split('\t');
  const d = LOCAL_DATE.exec(fields[columns.date] ?? '');
  const t = LOCAL_TIME.exec(fields[columns.time] ?? '');
  if (!d || !t) return null;
  const wall = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]), Number(t[1]), Number(t[2]), Number(t[3]), Number(t[4] ?? 0));
  return Number.isFinite(wall) ? Math.round((wall - timeMs) / 60_000) : null;
}
