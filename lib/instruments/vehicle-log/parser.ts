// Streams a vehicle log line by line (bounded memory), placing each record's hh:mm:ss on the log's date and
// moving to the next day when the clock wraps past midnight. index.ts states the decisions in one place.

import { createReadStream } from 'node:fs';
import { LineTooLongError, lineChunks } from '../campbell-toa5/line-chunks';
import type { FileMeta, FileParser, ParseOptions, ScalarBatch, ScalarRow } from '../types';
import { ParseError } from '../types';
import { type LogColumns, logColumns } from './columns';
import { LogCounters } from './counters';
import { type LogStart, startFromComment, startFromFileName } from './log-date';
import { classifyLine } from './log-line';
import { RecordDecoder } from './record';

export const VEHICLE_STREAM = 'vehicle';
const DEFAULT_BATCH_SIZE = 5000;
const MAX_KEPT_COMMENTS = 5;
const MAX_COMMENT_CHARS = 200;
const HALF_DAY_S = 43_200;
const DAY_MS = 86_400_000;
const READ_CHUNK_BYTES = 256 * 1024;

export const parseVehicleLog: FileParser = async (path: string, options: ParseOptions) => {
  const { fileName } = options;
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  const afterTimeMs = options.afterTimeMs ?? Number.NEGATIVE_INFINITY;
  const counters = new LogCounters();
  const meta: FileMeta = { format: 'vehicle-log', attributes: { timezone: 'UTC', columns: null, dateFrom: null } };
  counters.writeTo(meta.attributes);
  // Opened now so that a missing file fails here, not halfway through the append.
  const stream = createReadStream(path, { highWaterMark: READ_CHUNK_BYTES });
  await new Promise<void>((resolve, reject) => stream.once('open', () => resolve()).once('error', reject));

  async function* batches(): AsyncGenerator<ScalarBatch> {
    let columns: LogColumns | null = null;
    let decoder: RecordDecoder | null = null;
    let start: LogStart | null = null;
    let dayMs = 0;
    let previousSecond: number | null = null;
    let comments = 0;
    let rows: ScalarRow[] = [];
    let line = 0;
    const batchOf = (batchRows: ScalarRow[]): ScalarBatch => ({ type: 'scalars', stream: VEHICLE_STREAM, variables: columns!.variables, rows: batchRows });

    const handle = (text: string, terminated: boolean) => {
      const kind = classifyLine(text);
      if (kind.type === 'blank') return;
      if (kind.type === 'comment') {
        if (comments < MAX_KEPT_COMMENTS) meta.attributes[`comment${++comments}`] = kind.text.slice(0, MAX_COMMENT_CHARS);
        if (!start && !columns) start = startFromComment(kind.text);
        return;
      }
      if (kind.type === 'other') {
        throw new ParseError(fileName, 'expected a bracketed record like [914.6,23,18,51,...], a # comment or a blank line', { line });
      }
      if (!kind.closed) {
        if (!terminated) {
          meta.attributes.unterminatedLastLine = counters.unterminatedLastLine = line;
          return;
        }
        throw new ParseError(fileName, 'a record without its closing "]" (expected [...] on one line)', { line });
      }
      if (!columns) {
        const found = logColumns(kind.fields);
        if (typeof found === 'string') throw new ParseError(fileName, `expected the header line naming the columns, but ${found}`, { line });
        columns = found;
        decoder = new RecordDecoder(columns, counters, fileName);
        meta.attributes.columns = columns.names.join(',');
        return;
      }
      if (kind.fields.length === columns.names.length && kind.fields.every((field, i) => field === columns!.names[i])) {
        counters.noSignalLines++;
        return;
      }
      if (!start) {
        start = startFromFileName(fileName);
        if (!start) {
          throw new ParseError(fileName, 'cannot tell the date: expected a "# Start Aug 13 2023 23:18:51 UTC" comment or YYYY-MM-DD in the file name', { line });
        }
      }
      if (meta.attributes.dateFrom === null) {
        meta.attributes.dateFrom = start.source;
        dayMs = start.dayMs;
        previousSecond = start.secondOfDay;
      }
      const record = decoder!.decode(kind.fields, line);
      if (!record) return;
      if (previousSecond !== null && record.secondOfDay < previousSecond) {
        if (previousSecond - record.secondOfDay > HALF_DAY_S) {
          counters.midnightRollovers++;
          dayMs += DAY_MS;
        } else counters.timeReversals++;
      }
      previousSecond = record.secondOfDay;
      const timeMs = dayMs + record.secondOfDay * 1000;
      if (timeMs <= afterTimeMs) {
        counters.skippedRows++;
        return;
      }
      counters.rows++;
      rows.push({ timeMs, values: record.values });
    };

    try {
      for await (const chunk of lineChunks(stream)) {
        const text = chunk.bytes.toString('latin1');
        let from = 0;
        while (from < text.length) {
          const newline = text.indexOf('\n', from);
          const end = newline < 0 ? text.length : newline;
          line++;
          handle(text.slice(from, end), chunk.terminated || newline >= 0);
          from = end + 1;
        }
        counters.writeTo(meta.attributes);
        if (rows.length >= batchSize) {
          for (let i = 0; i + batchSize <= rows.length; i += batchSize) yield batchOf(rows.slice(i, i + batchSize));
          rows = rows.slice(rows.length - (rows.length % batchSize));
        }
      }
      if (!columns) throw new ParseError(fileName, 'no header line naming the columns (expected a line like [f,da,db,dc,ga,go,t,h,p],)');
      counters.writeTo(meta.attributes);
      if (rows.length > 0) yield batchOf(rows);
    } catch (error) {
      if (error instanceof LineTooLongError) throw new ParseError(fileName, `${error.message} (expected short text lines; is this a binary file?)`, { line: line + 1 });
      throw error;
    } finally {
      stream.destroy();
    }
  }

  return { meta, batches: batches() };
};
