// The two answers the simulator can give: Campbell's CSIJSON and a TOA5 file. NaN is written as the
// logger writes it, "NAN" (a string in JSON, since JSON has no NaN).
import { formatLoggerTime } from './dataquery';
import type { LoggerRecord, LoggerTable } from './table';

export const STATION = { station_name: 'van1-sim', model: 'CR1000X', serial_no: '4242', os_version: 'CR1000X.Std.07.02' };

export function jsonAnswer(table: LoggerTable, records: LoggerRecord[], more: boolean): string {
  const head = {
    transaction: 0,
    signature: table.signature,
    environment: { ...STATION, prog_name: table.program.progName, table_name: table.name },
    fields: table.program.fields.map((f) => ({ ...f, settable: false })),
  };
  const data = records.map((r) => ({ time: formatLoggerTime(r.timeMs), no: r.no, vals: r.vals.map((v) => (Number.isNaN(v) ? 'NAN' : v)) }));
  return JSON.stringify(more ? { head, data, more: true } : { head, data });
}

const quote = (text: string) => `"${text.replaceAll('"', '""')}"`;

export function toa5Answer(table: LoggerTable, records: LoggerRecord[]): string {
  const fields = table.program.fields;
  const lines = [
    ['TOA5', STATION.station_name, STATION.model, STATION.serial_no, STATION.os_version, table.program.progName, String(table.signature), table.name]
      .map(quote).join(','),
    ['TIMESTAMP', 'RECORD', ...fields.map((f) => f.name)].map(quote).join(','),
    ['TS', 'RN', ...fields.map((f) => f.units ?? '')].map(quote).join(','),
    ['', '', ...fields.map((f) => f.process)].map(quote).join(','),
    ...records.map((r) => [quote(formatLoggerTime(r.timeMs, ' ')), String(r.no), ...r.vals.map((v) => (Number.isNaN(v) ? '"NAN"' : String(v)))].join(',')),
  ];
  return `${lines.join('\r\n')}\r\n`;
}

/** What a failed command answers: still HTTP 200, with an outcome code and a description. */
export function failureAnswer(description: string): string {
  return JSON.stringify({ outcome: 0, description });
}
