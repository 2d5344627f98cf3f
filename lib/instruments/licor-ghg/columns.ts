// The .data member's DATAH line -> which columns carry time, record number and checksum, and the variables.
// LI-COR names carry their unit in parentheses (`CO2 (mmol/m^3)`, `Flow Rate (slpm)`, `Flow Rate (lpm)`), so
// the full name is kept as the variable name (two flow rates differ only by unit) and the unit is split out.

import type { VariableMeta } from '../types';
import type { ColumnDescription } from './metadata';

const SECONDS = 'Seconds';
const NANOSECONDS = 'Nanoseconds';
const SEQUENCE = 'Sequence Number';
const CHECKSUM = 'CHK';
/** Local calendar date and time (the logger's zone): shown, not used; Seconds is UTC. */
const TEXT_COLUMNS = new Set(['Date', 'Time']);
export const MAX_DATA_COLUMNS = 1000;

export interface DataColumns {
  /** Field count of a DATA line, the DATA marker included. */
  fieldCount: number;
  seconds: number;
  nanoseconds: number;
  sequence: number;
  /** -1 when the file has no CHK column. */
  checksum: number;
  /** Local calendar date and clock time columns (-1 if absent). */
  date: number;
  time: number;
  /** Field indexes (in a DATA line) of the variables, in file order. */
  valueFields: number[];
  variables: VariableMeta[];
}

function variableOf(name: string, description: ColumnDescription | undefined): VariableMeta {
  const unit = /\(([^()]+)\)\s*$/.exec(name)?.[1]?.trim() ?? null;
  const attributes: Record<string, string> = {};
  if (description?.variable && description.variable !== 'ignore') attributes.eddyproVariable = description.variable;
  if (description?.measureType) attributes.measureType = description.measureType;
  if (description?.instrument) attributes.instrument = description.instrument;
  if (description?.nominalTimelag && Number(description.nominalTimelag) !== 0) attributes.nominalTimelagS = description.nominalTimelag;
  const variable: VariableMeta = { name, unit, processing: null, shape: 'scalar' };
  if (Object.keys(attributes).length > 0) variable.attributes = attributes;
  return variable;
}

/** Columns from the DATAH fields (DATAH itself first), or a reason why they cannot be read. */
export function dataColumns(fields: string[], descriptions: Map<number, ColumnDescription>): DataColumns | string {
  if (fields.length > MAX_DATA_COLUMNS) return `${fields.length} columns (expected at most ${MAX_DATA_COLUMNS})`;
  const index = (name: string) => fields.indexOf(name);
  const missing = [SECONDS, NANOSECONDS].filter((name) => index(name) < 0);
  if (missing.length > 0) return `no ${missing.join(' or ')} column (expected LI-COR's UTC time columns)`;
  const empty = fields.findIndex((name, i) => i > 0 && name.trim() === '');
  if (empty > 0) return `column ${empty} has no name`;
  const duplicate = fields.find((name, i) => fields.indexOf(name) !== i);
  if (duplicate !== undefined) return `column "${duplicate.slice(0, 40)}" appears twice`;
  const special = new Set([0, index(SECONDS), index(NANOSECONDS), index(SEQUENCE), index(CHECKSUM)]);
  const valueFields = fields.map((_, i) => i).filter((i) => !special.has(i) && !TEXT_COLUMNS.has(fields[i]!));
  return {
    fieldCount: fields.length,
    seconds: index(SECONDS),
    nanoseconds: index(NANOSECONDS),
    sequence: index(SEQUENCE),
    checksum: index(CHECKSUM),
    date: index('Date'),
    time: index('Time'),
    valueFields,
    variables: valueFields.map((i) => variableOf(fields[i]!, descriptions.get(i))),
  };
}
