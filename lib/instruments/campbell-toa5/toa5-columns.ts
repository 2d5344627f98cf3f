// Which TOA5 columns are time, record, numeric variables or text.
//
// TOA5 has no type line, so the first data row decides: a value that is quoted and is not "NAN"/"INF"/
// "-INF" marks a string column (LoggerNet quotes strings and the NAN/INF markers, never numbers). Text
// columns are left out of the variables and listed in meta.attributes.stringColumns. A string column whose
// first value is "NAN" is taken as numeric; its later texts become null and are counted (quotedTextValues).

import { ParseError } from '../types';
import type { HeaderColumn } from './header';
import { ColumnKind, specialValue } from './toa5-row';
import { RECORD_COLUMN, TOA5_TIME_COLUMN, columnIndex } from './variables';

export interface Toa5Columns {
  kinds: ColumnKind[];
  /** Indexes of the columns that become variables, in file order. */
  variableColumns: number[];
  stringColumns: string[];
}

/** The first data row's fields, with whether each was quoted. Quoted commas stay inside their field. */
function firstRowFields(line: Buffer): { quoted: boolean; text: string }[] {
  const text = line.toString('utf8');
  const fields: { quoted: boolean; text: string }[] = [];
  let i = 0;
  while (i <= text.length) {
    if (text.charCodeAt(i) === 34) {
      let close = text.indexOf('"', i + 1);
      while (close >= 0 && text.charCodeAt(close + 1) === 34) close = text.indexOf('"', close + 2);
      if (close < 0) close = text.length;
      fields.push({ quoted: true, text: text.slice(i + 1, close) });
      const comma = text.indexOf(',', close);
      i = comma < 0 ? text.length + 1 : comma + 1;
    } else {
      const comma = text.indexOf(',', i);
      const end = comma < 0 ? text.length : comma;
      fields.push({ quoted: false, text: text.slice(i, end) });
      i = end + 1;
    }
  }
  return fields;
}

/**
 * @param firstDataLine the first data line (line 5), or null for a header-only file, where every column
 *   other than TIMESTAMP and RECORD is taken as numeric.
 */
export function classifyToa5Columns(columns: HeaderColumn[], firstDataLine: Buffer | null, fileName: string): Toa5Columns {
  const timeIndex = columnIndex(columns, TOA5_TIME_COLUMN);
  if (timeIndex < 0) {
    throw new ParseError(fileName, `expected a "${TOA5_TIME_COLUMN}" field name (tables without timestamps are not supported)`, { line: 2 });
  }
  const recordIndex = columnIndex(columns, RECORD_COLUMN);
  const firstRow = firstDataLine ? firstRowFields(firstDataLine) : [];
  const kinds: ColumnKind[] = [];
  const variableColumns: number[] = [];
  const stringColumns: string[] = [];
  columns.forEach((column, i) => {
    if (i === timeIndex) kinds.push(ColumnKind.Time);
    else if (i === recordIndex) kinds.push(ColumnKind.Record);
    else {
      const field = firstRow[i];
      if (field?.quoted && specialValue(field.text) === null) {
        kinds.push(ColumnKind.Skip);
        stringColumns.push(column.name);
      } else {
        kinds.push(ColumnKind.Value);
        variableColumns.push(i);
      }
    }
  });
  return { kinds, variableColumns, stringColumns };
}
