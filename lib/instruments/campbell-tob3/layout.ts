// Where each field sits inside a TOB3 record, and how many records a frame holds. Data types are TOB1's
// (lib/instruments/campbell-toa5/tob1-types.ts): TOB3 records carry no time or record number of their own;
// those come from the frame header.

import { ParseError } from '../types';
import type { HeaderColumn } from '../campbell-toa5/header';
import { KNOWN_TOB1_TYPES, type TypeCode, parseTob1Type } from '../campbell-toa5/tob1-types';
import type { Tob3Header } from './header';

export const FRAME_HEADER_BYTES = 12;
export const FRAME_FOOTER_BYTES = 4;

export interface Tob3Layout {
  recordBytes: number;
  recordsPerFrame: number;
  /** Numeric fields, in file order: they become the variables. */
  valueColumns: HeaderColumn[];
  valueOffsets: number[];
  valueCodes: TypeCode[];
  /** ASCII(n) and timestamp-valued fields, kept out of the variables. */
  stringColumns: string[];
}

export function tob3Layout(header: Tob3Header, fileName: string): Tob3Layout {
  let recordBytes = 0;
  const layout: Tob3Layout = { recordBytes: 0, recordsPerFrame: 0, valueColumns: [], valueOffsets: [], valueCodes: [], stringColumns: [] };
  header.columns.forEach((column, i) => {
    const type = parseTob1Type(column.dataType ?? '');
    if (!type) {
      throw new ParseError(fileName, `field ${i + 1} (${column.name}): unknown data type "${String(column.dataType).slice(0, 40)}" (expected one of ${KNOWN_TOB1_TYPES})`, { line: 6 });
    }
    if (type.numeric) {
      layout.valueColumns.push(column);
      layout.valueOffsets.push(recordBytes);
      layout.valueCodes.push(type.code);
    } else layout.stringColumns.push(column.name);
    recordBytes += type.size;
  });
  const dataBytes = header.frameBytes - FRAME_HEADER_BYTES - FRAME_FOOTER_BYTES;
  if (recordBytes === 0 || dataBytes < recordBytes) {
    throw new ParseError(fileName, `a ${header.frameBytes}-byte frame cannot hold one ${recordBytes}-byte record (expected frame size >= ${recordBytes + FRAME_HEADER_BYTES + FRAME_FOOTER_BYTES})`, { line: 2 });
  }
  layout.recordBytes = recordBytes;
  layout.recordsPerFrame = Math.floor(dataBytes / recordBytes);
  return layout;
}
