// One TOA5 data line, parsed straight from the file's bytes (no strings, no split): this is the loop that
// runs ten million times for a 10 Hz day, so numbers are read digit by digit. A decimal with at most 15
// digits is an exact integer divided by an exact power of ten, and IEEE division rounds correctly, so the
// result is the same double parseFloat gives; anything else (exponents, long digit runs) uses Number().

import { ParseError } from '../types';
import type { RowCounters } from './batches';
import { parseWallTimestamp } from './wall-time';

export const ColumnKind = { Value: 0, Time: 1, Record: 2, Skip: 3 } as const;
export type ColumnKind = (typeof ColumnKind)[keyof typeof ColumnKind];

const QUOTE = 34;
const COMMA = 44;
const MINUS = 45;
const PLUS = 43;
const DOT = 46;
const POW10 = Array.from({ length: 16 }, (_, i) => 10 ** i);
const PLAIN_DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export type SpecialValue = 'nan' | 'inf' | null;

/** Campbell writes NAN, INF, -INF; other writers add signs, case or `Infinity`. */
export function specialValue(text: string): SpecialValue {
  const token = text.trim().toUpperCase();
  const unsigned = token.charCodeAt(0) === MINUS || token.charCodeAt(0) === PLUS ? token.slice(1) : token;
  if (unsigned === 'NAN') return 'nan';
  if (unsigned === 'INF' || unsigned === 'INFINITY') return 'inf';
  return null;
}

export class Toa5RowParser {
  /** Wall time of the row just parsed. */
  wallMs = 0;
  /** RECORD of the row just parsed (undefined when the table has no RECORD field). */
  record: number | undefined = undefined;

  private cursor = 0;

  constructor(
    private readonly fileName: string,
    private readonly names: string[],
    private readonly kinds: ColumnKind[],
    private readonly counters: RowCounters,
  ) {}

  /** Parses bytes [start, end) of one line (line end excluded) and returns its variable values. */
  parse(buf: Buffer, start: number, end: number, line: number): (number | null)[] {
    const kinds = this.kinds;
    const last = kinds.length - 1;
    const values: (number | null)[] = [];
    let p = start;
    for (let c = 0; c <= last; c++) {
      const kind = kinds[c]!;
      let fieldEnd: number;
      if (p < end && buf[p] === QUOTE) {
        const close = this.closingQuote(buf, p, end, line, c);
        fieldEnd = close + 1;
        if (kind === ColumnKind.Value) values.push(this.quotedValue(buf, p + 1, close));
        else if (kind === ColumnKind.Time) this.wallMs = this.timestamp(buf, p + 1, close, line);
        else if (kind === ColumnKind.Record) this.record = this.recordNumber(buf, p + 1, close, line);
      } else if (kind === ColumnKind.Value) {
        let value: number | null = this.plainNumber(buf, p, end);
        fieldEnd = this.cursor;
        if (value !== value) {
          fieldEnd = fieldEndOf(buf, p, end);
          value = this.unquotedSpecial(buf, p, fieldEnd, line, c);
        }
        values.push(value);
      } else {
        fieldEnd = fieldEndOf(buf, p, end);
        if (kind === ColumnKind.Time) this.wallMs = this.timestamp(buf, p, fieldEnd, line);
        else if (kind === ColumnKind.Record) this.record = this.recordNumber(buf, p, fieldEnd, line);
      }
      if (fieldEnd === end) {
        if (c !== last) throw this.error(line, `expected ${kinds.length} fields, found ${c + 1}`);
      } else if (buf[fieldEnd] === COMMA) {
        if (c === last) throw this.error(line, `expected ${kinds.length} fields, found ${kinds.length + countFields(buf, fieldEnd + 1, end)}`);
        p = fieldEnd + 1;
      } else {
        throw this.error(line, `field ${c + 1} (${this.names[c]}): expected a comma after the closing quote`);
      }
    }
    return values;
  }

  /** Digits with an optional sign and decimal point; NaN means "not that simple" (use the slow path). */
  private plainNumber(buf: Buffer, start: number, end: number): number {
    let i = start;
    let negative = false;
    const first = buf[i];
    if (first === MINUS) {
      negative = true;
      i++;
    } else if (first === PLUS) i++;
    let mantissa = 0;
    let digits = 0;
    let fraction = 0;
    while (i < end) {
      const d = buf[i]! - 48;
      if (d < 0 || d > 9) break;
      mantissa = mantissa * 10 + d;
      digits++;
      i++;
    }
    if (i < end && buf[i] === DOT) {
      i++;
      while (i < end) {
        const d = buf[i]! - 48;
        if (d < 0 || d > 9) break;
        mantissa = mantissa * 10 + d;
        digits++;
        fraction++;
        i++;
      }
    }
    if (digits === 0 || digits > 15 || (i < end && buf[i] !== COMMA)) return Number.NaN;
    this.cursor = i;
    const value = fraction === 0 ? mantissa : mantissa / POW10[fraction]!;
    return negative ? -value : value;
  }

  private unquotedSpecial(buf: Buffer, start: number, end: number, line: number, column: number): number | null {
    const text = buf.toString('latin1', start, end);
    if (text === '') return null;
    const special = specialValue(text);
    if (special === 'nan') {
      this.counters.nanValues++;
      return null;
    }
    if (special === 'inf') {
      this.counters.infValues++;
      return null;
    }
    if (PLAIN_DECIMAL.test(text)) return Number(text);
    // CRBasic booleans may be written as words by some converters; TOA5 itself writes -1 / 0.
    const word = text.toLowerCase();
    if (word === 'true') return -1;
    if (word === 'false') return 0;
    throw this.error(line, `field ${column + 1} (${this.names[column]}): expected a number or "NAN", found "${clip(text)}"`);
  }

  private quotedValue(buf: Buffer, start: number, end: number): number | null {
    const text = buf.toString('latin1', start, end);
    const special = specialValue(text);
    if (special === 'nan') this.counters.nanValues++;
    else if (special === 'inf') this.counters.infValues++;
    else if (PLAIN_DECIMAL.test(text)) return Number(text);
    else this.counters.quotedTextValues++;
    return null;
  }

  private timestamp(buf: Buffer, start: number, end: number, line: number): number {
    const wallMs = parseWallTimestamp(buf, start, end);
    if (wallMs !== wallMs) {
      const text = buf.toString('utf8', start, end);
      throw this.error(line, `unparseable TIMESTAMP "${clip(text)}" (expected "YYYY-MM-DD HH:MM:SS" with an optional fraction)`);
    }
    return wallMs;
  }

  private recordNumber(buf: Buffer, start: number, end: number, line: number): number {
    const value = this.plainNumber(buf, start, end);
    if (!(Number.isInteger(value) && value >= 0) || this.cursor !== end) {
      throw this.error(line, `RECORD: expected a whole number, found "${clip(buf.toString('latin1', start, end))}"`);
    }
    return value;
  }

  private closingQuote(buf: Buffer, open: number, end: number, line: number, column: number): number {
    let at = open + 1;
    for (;;) {
      const quote = buf.indexOf(QUOTE, at);
      if (quote < 0 || quote >= end) {
        throw this.error(line, `field ${column + 1} (${this.names[column]}): quoted field is not closed before the line end`);
      }
      if (quote + 1 < end && buf[quote + 1] === QUOTE) at = quote + 2;
      else return quote;
    }
  }

  private error(line: number, message: string): ParseError {
    return new ParseError(this.fileName, message, { line });
  }
}

function fieldEndOf(buf: Buffer, start: number, end: number): number {
  let i = start;
  while (i < end && buf[i] !== COMMA) i++;
  return i;
}

/** Counts the fields in [start, end), honouring quotes; only used to word an error. */
function countFields(buf: Buffer, start: number, end: number): number {
  let fields = 1;
  let quoted = false;
  for (let i = start; i < end; i++) {
    const byte = buf[i];
    if (byte === QUOTE) quoted = !quoted;
    else if (byte === COMMA && !quoted) fields++;
  }
  return fields;
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}...` : text;
}
