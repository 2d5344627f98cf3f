// One bracketed record -> second of day and the variables' values (positions in decimal degrees).

import { ParseError } from '../types';
import { ddmmToDegrees } from './coordinates';
import type { LogColumns } from './columns';
import type { LogCounters } from './counters';
import { fieldValue } from './log-line';

export interface DecodedRecord {
  secondOfDay: number;
  values: (number | null)[];
}

const LIMITS = { hour: 23, minute: 59, second: 59 } as const;

const shown = (field: string) => JSON.stringify(field.length > 40 ? `${field.slice(0, 40)}...` : field);

export class RecordDecoder {
  constructor(
    private readonly columns: LogColumns,
    private readonly counters: LogCounters,
    private readonly fileName: string,
  ) {}

  /** The record, or null when its time is a dropout placeholder (counted in untimedRows). */
  decode(fields: string[], line: number): DecodedRecord | null {
    const { names } = this.columns;
    if (fields.length !== names.length) {
      throw new ParseError(this.fileName, `expected ${names.length} fields (${names.join(',')}), found ${fields.length}`, { line });
    }
    const clock: number[] = [];
    for (const [part, index] of [['hour', this.columns.hour], ['minute', this.columns.minute], ['second', this.columns.second]] as const) {
      const value = fieldValue(fields[index]!, names[index]!);
      if (value === null) {
        this.counters.untimedRows++;
        return null;
      }
      if (value === undefined || !Number.isInteger(value) || value < 0 || value > LIMITS[part]) {
        throw new ParseError(this.fileName, `${part} (column ${names[index]}) is ${shown(fields[index]!)} (expected a whole number 0-${LIMITS[part]})`, { line });
      }
      clock.push(value);
    }
    const values = this.columns.valueColumns.map((index) => {
      const value = fieldValue(fields[index]!, names[index]!);
      if (value === undefined) {
        throw new ParseError(this.fileName, `column ${names[index]} is ${shown(fields[index]!)} (expected a number or the dropout placeholder "${names[index]}")`, { line });
      }
      if (value === null) this.counters.dropoutValues++;
      return value;
    });
    this.convertPosition(values);
    return { secondOfDay: (clock[0]! * 60 + clock[1]!) * 60 + clock[2]!, values };
  }

  /** ddmm.mmmm -> degrees in place. The logger writes west longitude unsigned, so a positive longitude is west. */
  private convertPosition(values: (number | null)[]): void {
    const latAt = this.columns.valueColumns.indexOf(this.columns.latitude);
    const lonAt = this.columns.valueColumns.indexOf(this.columns.longitude);
    const lat = latAt >= 0 ? values[latAt] : undefined;
    if (lat === 0) {
      // Latitude exactly 0 is what the receiver prints without a fix; the longitude beside it is stale.
      this.counters.noGpsFix++;
      values[latAt] = null;
      if (lonAt >= 0) values[lonAt] = null;
      return;
    }
    if (lat !== undefined && lat !== null) {
      values[latAt] = ddmmToDegrees(lat, 90);
      if (values[latAt] === null) this.counters.invalidCoordinates++;
    }
    const lon = lonAt >= 0 ? values[lonAt] : undefined;
    if (lon !== undefined && lon !== null) {
      const degrees = ddmmToDegrees(lon, 180);
      if (degrees === null) this.counters.invalidCoordinates++;
      values[lonAt] = degrees === null ? null : lon > 0 ? -degrees : degrees;
    }
  }
}
