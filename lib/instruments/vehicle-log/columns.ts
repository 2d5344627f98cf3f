// The log's own header line names its columns (`[f,da,db,dc,ga,go,t,h,p],`); this maps those short names to
// variables. Meanings and units are the logger's documentation (aidanbxyz/WXLogs, Rabbit I/README.md).

import type { VariableMeta } from '../types';

export const HOUR = 'da';
export const MINUTE = 'db';
export const SECOND = 'dc';
export const LATITUDE = 'ga';
export const LONGITUDE = 'go';

interface KnownColumn {
  name: string;
  unit: string | null;
  longName: string;
}

const KNOWN: Record<string, KnownColumn> = {
  f: { name: 'frequency', unit: 'MHz', longName: 'radio frequency' },
  [LATITUDE]: { name: 'latitude', unit: 'degree_north', longName: 'GPS latitude' },
  [LONGITUDE]: { name: 'longitude', unit: 'degree_east', longName: 'GPS longitude' },
  t: { name: 'temperature', unit: 'degC', longName: 'air temperature' },
  h: { name: 'relative_humidity', unit: '%', longName: 'relative humidity' },
  p: { name: 'pressure', unit: 'Pa', longName: 'air pressure' },
};

/** Column names are short identifiers; anything else in the header line is not this format. */
const COLUMN_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,31}$/;
export const MAX_COLUMNS = 256;

export interface LogColumns {
  /** The header's names, in file order. */
  names: string[];
  hour: number;
  minute: number;
  second: number;
  latitude: number;
  longitude: number;
  /** Columns that become variables (every column but the three time fields), in file order. */
  valueColumns: number[];
  variables: VariableMeta[];
}

/** Columns from the header's names, or a reason why they cannot be this format's. */
export function logColumns(names: string[]): LogColumns | string {
  if (names.length > MAX_COLUMNS) return `${names.length} columns (expected at most ${MAX_COLUMNS})`;
  const bad = names.find((name) => !COLUMN_NAME.test(name));
  if (bad !== undefined) return `"${bad.slice(0, 40)}" is not a column name (expected short names like f,da,db,dc,ga,go,t,h,p)`;
  const duplicate = names.find((name, i) => names.indexOf(name) !== i);
  if (duplicate !== undefined) return `column "${duplicate}" appears twice`;
  const index = (name: string) => names.indexOf(name);
  const missing = [HOUR, MINUTE, SECOND].filter((name) => index(name) < 0);
  if (missing.length > 0) return `no ${missing.join(', ')} column (expected hour ${HOUR}, minute ${MINUTE}, second ${SECOND})`;
  const timeColumns = new Set([index(HOUR), index(MINUTE), index(SECOND)]);
  const valueColumns = names.map((_, i) => i).filter((i) => !timeColumns.has(i));
  const variables = valueColumns.map((i): VariableMeta => {
    const column = names[i]!;
    const known = KNOWN[column];
    return {
      name: known?.name ?? column,
      unit: known?.unit ?? null,
      processing: null,
      shape: 'scalar',
      attributes: known ? { logColumn: column, longName: known.longName } : { logColumn: column },
    };
  });
  return {
    names, hour: index(HOUR), minute: index(MINUTE), second: index(SECOND),
    latitude: index(LATITUDE), longitude: index(LONGITUDE), valueColumns, variables,
  };
}
