// Header columns -> VariableMeta, and which columns are data at all.

import type { VariableMeta } from '../types';
import type { HeaderColumn } from './header';

/** Columns that carry the row's time or record number rather than a measurement. */
export const TOA5_TIME_COLUMN = 'TIMESTAMP';
export const RECORD_COLUMN = 'RECORD';
export const TOB1_SECONDS_COLUMN = 'SECONDS';
export const TOB1_NANOSECONDS_COLUMN = 'NANOSECONDS';

/** Finds a named column: exact spelling first, then ignoring case (hand-edited files). */
export function columnIndex(columns: HeaderColumn[], name: string): number {
  const exact = columns.findIndex((column) => column.name === name);
  if (exact >= 0) return exact;
  return columns.findIndex((column) => column.name.toUpperCase() === name);
}

export function variableOf(column: HeaderColumn): VariableMeta {
  const variable: VariableMeta = {
    name: column.name,
    unit: column.unit.trim() === '' ? null : column.unit,
    processing: column.processing.trim() === '' ? null : column.processing,
    shape: 'scalar',
  };
  if (column.dataType) variable.attributes = { dataType: column.dataType };
  return variable;
}
