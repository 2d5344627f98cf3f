// The ASCII header shared by TOA5 (4 lines) and TOB1 (5 lines):
//   1 environment: "TOA5"|"TOB1", station, model, serial, OS, program, signature, table (8 fields)
//   2 field names   3 units   4 processing (Smp, Avg, Max, WVc, ...)   5 (TOB1 only) data types

import { ParseError } from '../types';

export type CampbellFormat = 'TOA5' | 'TOB1';

export interface CampbellEnvironment {
  format: CampbellFormat;
  station: string;
  model: string;
  serial: string;
  os: string;
  program: string;
  signature: string;
  table: string;
}

export interface HeaderColumn {
  name: string;
  unit: string;
  processing: string;
  /** TOB1 only: the data type from header line 5, e.g. `FP2`, `ULONG`, `ASCII(16)`. */
  dataType?: string;
}

export interface CampbellHeader {
  environment: CampbellEnvironment;
  columns: HeaderColumn[];
}

const OTHER_CAMPBELL_FORMATS = ['TOB2', 'TOB3', 'TOA6', 'TOACI1', 'CSIXML', 'CSIJSON'];
const ENVIRONMENT_FIELDS = 'file type, station, model, serial, OS, program, signature, table';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Header lines are text; anything that is not UTF-8 is a corrupted or foreign file. */
export function decodeHeaderLine(bytes: Uint8Array, fileName: string, line: number): string {
  try {
    const text = utf8.decode(bytes);
    return line === 1 && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    throw new ParseError(fileName, 'header line is not valid UTF-8 text (expected a Campbell ASCII header)', { line });
  }
}

/**
 * Splits one CSV line whose fields may be quoted (`"a","b ""c""",12`). Returns null when a quote is left
 * open, so the caller can report the line.
 */
export function splitCsvLine(text: string): string[] | null {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (text.charCodeAt(i) === 34) {
      let value = '';
      let from = i + 1;
      for (;;) {
        const quote = text.indexOf('"', from);
        if (quote < 0) return null;
        value += text.slice(from, quote);
        if (text.charCodeAt(quote + 1) === 34) {
          value += '"';
          from = quote + 2;
          continue;
        }
        i = quote + 1;
        break;
      }
      fields.push(value);
      const comma = text.indexOf(',', i);
      // Text between a closing quote and the comma is not valid CSV; keep it rather than guess.
      if (comma < 0) {
        if (i < text.length) fields[fields.length - 1] += text.slice(i);
        return fields;
      }
      if (comma > i) fields[fields.length - 1] += text.slice(i, comma);
      i = comma + 1;
    } else {
      const comma = text.indexOf(',', i);
      if (comma < 0) {
        fields.push(text.slice(i));
        return fields;
      }
      fields.push(text.slice(i, comma));
      i = comma + 1;
    }
  }
}

function splitOrFail(text: string, fileName: string, line: number): string[] {
  const fields = splitCsvLine(text);
  if (!fields) throw new ParseError(fileName, 'a quoted header field is not closed (expected "...")', { line });
  return fields;
}

export function parseEnvironment(text: string, fileName: string, expected: CampbellFormat): CampbellEnvironment {
  const fields = splitCsvLine(text) ?? [];
  const kind = (fields[0] ?? '').trim();
  if (kind !== expected) {
    const what = OTHER_CAMPBELL_FORMATS.includes(kind) ? `a ${kind} file` : `"${text.slice(0, 40)}"`;
    throw new ParseError(fileName, `expected a ${expected} header line starting with "${expected}", found ${what}`, { line: 1 });
  }
  if (fields.length < 8) {
    throw new ParseError(fileName, `expected 8 fields (${ENVIRONMENT_FIELDS}), found ${fields.length}`, { line: 1 });
  }
  const [, station = '', model = '', serial = '', os = '', program = '', signature = '', table = ''] = fields;
  return { format: expected, station, model, serial, os, program, signature, table };
}

/**
 * Parses decoded header lines. `lines` must hold exactly 4 (TOA5) or 5 (TOB1) lines; the caller reports a
 * header cut short, because only it knows whether the file ended.
 */
export function parseHeader(lines: string[], fileName: string, format: CampbellFormat): CampbellHeader {
  const environment = parseEnvironment(lines[0] ?? '', fileName, format);
  const names = splitOrFail(lines[1] ?? '', fileName, 2);
  if (names.length === 1 && names[0] === '') {
    throw new ParseError(fileName, 'expected the field names, found an empty line', { line: 2 });
  }
  const units = splitOrFail(lines[2] ?? '', fileName, 3);
  const processing = splitOrFail(lines[3] ?? '', fileName, 4);
  const dataTypes = format === 'TOB1' ? splitOrFail(lines[4] ?? '', fileName, 5) : null;
  const checks: [string[] | null, number, string][] = [
    [units, 3, 'units'],
    [processing, 4, 'processing'],
    [dataTypes, 5, 'data types'],
  ];
  for (const [fields, line, what] of checks) {
    if (fields && fields.length !== names.length) {
      throw new ParseError(fileName, `expected ${names.length} ${what} (one per field name), found ${fields.length}`, { line });
    }
  }
  const columns = names.map((name, i): HeaderColumn => {
    const column: HeaderColumn = { name, unit: units[i] ?? '', processing: processing[i] ?? '' };
    if (dataTypes) column.dataType = (dataTypes[i] ?? '').trim();
    return column;
  });
  return { environment, columns };
}

/** Header facts for FileMeta.attributes. */
export function environmentAttributes(environment: CampbellEnvironment): Record<string, string> {
  const { format, station, model, serial, os, program, signature, table } = environment;
  return { format, station, model, serial, os, program, signature, table };
}
