// Campbell TOA5 text, as LoggerNet writes it (LoggerNet manual, appendix B): four quoted header lines
// (environment, field names, units, processing), then one CRLF-terminated line per record. Started from the
// test fixture writer (test/helpers/fixtures/campbell.ts); kept separate so the demo never imports tests
// and the parser's tests keep their own, independent reading of the format.

export interface Toa5Field {
  name: string;
  unit: string;
  /** Header line 4: `Smp`, `Avg`, `Max`, `Min`, `WVc`. */
  processing: string;
}

export interface Toa5Table {
  station: string;
  model: string;
  serial: string;
  os: string;
  program: string;
  signature: string;
  /** Header line 1, field 8: the logger table the file holds. */
  table: string;
  fields: Toa5Field[];
}

export interface Toa5Record {
  /** Logger wall clock in milliseconds, as Date.UTC gives them for the same calendar fields. */
  wallMs: number;
  record: number;
  /** null or NaN is written as "NAN", the logger's missing value. */
  values: (number | null)[];
}

const EOL = '\r\n';
const quote = (text: string): string => `"${text.replaceAll('"', '""')}"`;
const headerLine = (fields: string[]): string => fields.map(quote).join(',') + EOL;

export function toa5Header(t: Toa5Table): string {
  return (
    headerLine(['TOA5', t.station, t.model, t.serial, t.os, t.program, t.signature, t.table]) +
    headerLine(['TIMESTAMP', 'RECORD', ...t.fields.map((f) => f.name)]) +
    headerLine(['TS', 'RN', ...t.fields.map((f) => f.unit)]) +
    headerLine(['', '', ...t.fields.map((f) => f.processing)])
  );
}

/** `YYYY-MM-DD HH:MM:SS`, whole seconds like a logger's minute or hour table. */
export function toa5Timestamp(wallMs: number): string {
  const iso = new Date(Math.floor(wallMs / 1000) * 1000).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

function toa5Value(value: number | null): string {
  if (value === null || Number.isNaN(value)) return '"NAN"';
  if (!Number.isFinite(value)) return value > 0 ? '"INF"' : '"-INF"';
  return String(value);
}

export function toa5Line(r: Toa5Record): string {
  return `"${toa5Timestamp(r.wallMs)}",${r.record},${r.values.map(toa5Value).join(',')}${EOL}`;
}
