// The .metadata member: INI sections ([Site], [Station], [Timing], [Instruments], [FileDescription]) as
// written by the LI-COR logger (SmartFlux/AIU) and read by EddyPro. Settings become FileMeta attributes
// named `section.key`; the per-column `col_N_*` entries of [FileDescription] describe the .data columns
// (col_1 is the column after DATAH) and are returned separately to annotate the variables instead.

import { ParseError } from '../types';

const MAX_ATTRIBUTES = 400;
const MAX_VALUE_CHARS = 200;
const COLUMN_KEY = /^col_(\d+)_(.+)$/;

export interface ColumnDescription {
  variable?: string;
  instrument?: string;
  measureType?: string;
  unitIn?: string;
  nominalTimelag?: string;
}

export interface GhgMetadata {
  attributes: Record<string, string>;
  /** By 1-based column number after DATAH. */
  columns: Map<number, ColumnDescription>;
}

const COLUMN_FIELDS: Record<string, keyof ColumnDescription> = {
  variable: 'variable',
  instrument: 'instrument',
  measure_type: 'measureType',
  unit_in: 'unitIn',
  nom_timelag: 'nominalTimelag',
};

export function parseMetadata(text: string, fileName: string): GhgMetadata {
  const attributes: Record<string, string> = {};
  const columns = new Map<number, ColumnDescription>();
  let section = '';
  let count = 0;
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith(';')) return;
    const header = /^\[([^\]]{1,64})\]$/.exec(line);
    if (header) {
      section = header[1]!;
      return;
    }
    const equals = line.indexOf('=');
    if (equals <= 0 || !section) {
      throw new ParseError(fileName, `metadata line ${i + 1}: expected [Section] or key=value, found "${line.slice(0, 40)}"`);
    }
    const key = line.slice(0, equals).trim();
    const value = line.slice(equals + 1).trim().slice(0, MAX_VALUE_CHARS);
    const column = section === 'FileDescription' ? COLUMN_KEY.exec(key) : null;
    if (column) {
      const field = COLUMN_FIELDS[column[2]!];
      const number = Number(column[1]);
      if (field && value !== '' && number <= 10_000) {
        const description = columns.get(number) ?? {};
        description[field] = value;
        columns.set(number, description);
      }
      return;
    }
    if (++count > MAX_ATTRIBUTES) throw new ParseError(fileName, `metadata holds more than ${MAX_ATTRIBUTES} settings (expected a LI-COR .metadata file)`);
    attributes[`${section}.${key}`] = value;
  });
  if (count === 0) throw new ParseError(fileName, 'the .metadata member holds no settings (expected [Site], [Station], [Timing] sections)');
  return { attributes, columns };
}
