// TOA5: 4 header lines, then one CSV line per record, read as a stream of whole lines. toa5-row.ts does
// the per-line work; index.ts states the decisions (NAN/INF, DST, growing files) in one place.

import type { FileMeta, FileParser, ParseOptions, ScalarBatch } from '../types';
import { ParseError } from '../types';
import { BatchBuilder, RowCounters, batchSizeOf } from './batches';
import { type FileSnapshot, lineTooLong, openSnapshotStream, readHeadLines } from './file-snapshot';
import { type CampbellHeader, decodeHeaderLine, environmentAttributes, parseEnvironment, parseHeader } from './header';
import { LineTooLongError, lineChunks } from './line-chunks';
import { ZoneClock } from '../../time/zone-clock';
import { type Toa5Columns, classifyToa5Columns } from './toa5-columns';
import { Toa5RowParser } from './toa5-row';
import { variableOf } from './variables';

const HEADER_LINES = 4;
const READ_CHUNK_BYTES = 1024 * 1024;

interface Toa5Plan {
  snapshot: FileSnapshot;
  header: CampbellHeader;
  columns: Toa5Columns;
  /** Byte offset of line 5, the first data line. */
  dataStart: number;
}

async function readToa5Plan(path: string, fileName: string): Promise<Toa5Plan> {
  // Line 5 comes along so that string columns are known before the first batch is built.
  const head = await readHeadLines(path, fileName, HEADER_LINES + 1);
  // Line 1 first: a file that is not TOA5 at all should say so, not that its header is short.
  if (head.lines[0]) parseEnvironment(decodeHeaderLine(head.lines[0], fileName, 1), fileName, 'TOA5');
  if (head.lines.length < HEADER_LINES) {
    const found = head.lines.length === 0 ? 'an empty file' : `only ${head.lines.length} line(s)`;
    throw new ParseError(fileName, `the header ends early: expected ${HEADER_LINES} header lines, found ${found}`, {
      line: head.lines.length + 1,
    });
  }
  const text = head.lines.slice(0, HEADER_LINES).map((line, i) => decodeHeaderLine(line, fileName, i + 1));
  const header = parseHeader(text, fileName, 'TOA5');
  // An unterminated line 5 is a record still being written; it must not decide the column types.
  const firstData = head.lines.length > HEADER_LINES && head.lastTerminated ? (head.lines[HEADER_LINES] ?? null) : null;
  const columns = classifyToa5Columns(header.columns, firstData, fileName);
  return { snapshot: head.snapshot, header, columns, dataStart: head.lineEnds[HEADER_LINES - 1] ?? 0 };
}

/** Printable text opening with a quote or digit: what a record looks like while it is being written. */
function isRecordStart(bytes: Buffer): boolean {
  const first = bytes[0] ?? 0;
  if (first !== 34 && (first < 48 || first > 57)) return false;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    if ((byte < 32 && byte !== 9 && byte !== 13) || byte === 127) return false;
  }
  return true;
}

export const parseToa5: FileParser = async (path: string, options: ParseOptions) => {
  const { fileName } = options;
  const clock = new ZoneClock(options.timezone ?? 'UTC');
  const batchSize = batchSizeOf(options.batchSize);
  const plan = await readToa5Plan(path, fileName);
  const { environment, columns } = plan.header;
  const counters = new RowCounters();
  const meta: FileMeta = {
    format: 'TOA5',
    attributes: {
      ...environmentAttributes(environment),
      stringColumns: plan.columns.stringColumns.join(','),
      timezone: clock.timeZone,
      // Line number of a last line left out because it has no line end yet; 0 when there is none.
      unterminatedLastLine: 0,
    },
  };
  counters.writeTo(meta.attributes);
  const variables = plan.columns.variableColumns.map((i) => variableOf(columns[i]!));
  const names = columns.map((column) => column.name);

  async function* batches(): AsyncGenerator<ScalarBatch> {
    const { afterTimeMs } = options;
    const builder = new BatchBuilder({ stream: environment.table, variables, batchSize, afterTimeMs, clock, counters });
    const rowParser = new Toa5RowParser(fileName, names, plan.columns.kinds, counters);
    const stream = await openSnapshotStream(plan.snapshot, plan.dataStart, READ_CHUNK_BYTES);
    let line = HEADER_LINES;
    try {
      for await (const chunk of lineChunks(stream)) {
        if (!chunk.terminated) {
          // A last line without its line end is a record still being written (or cut off). Storing it
          // could keep a torn value that the later tail append (afterTimeMs) would never correct. Only
          // text that can start a record qualifies: a NUL-filled or binary tail is an error.
          if (!isRecordStart(chunk.bytes)) {
            throw new ParseError(fileName, 'the last line has no line end and is not the start of a record (expected text; found binary or NUL bytes)', {
              line: line + 1,
            });
          }
          meta.attributes.unterminatedLastLine = line + 1;
          break;
        }
        const bytes = chunk.bytes;
        let start = 0;
        while (start < bytes.length) {
          const newline = bytes.indexOf(10, start);
          let end = newline;
          if (end > start && bytes[end - 1] === 13) end--;
          line++;
          // Blank lines carry no record; skipping them keeps stray extra line ends harmless.
          if (end > start) {
            const values = rowParser.parse(bytes, start, end, line);
            builder.add(rowParser.wallMs, rowParser.record, values);
          }
          start = newline + 1;
          // A batch goes as soon as it is full: a 1 MiB read holds about two 20 Hz batches, and holding both
          // while the first is written keeps twice the rows alive.
          if (builder.hasReady()) {
            counters.writeTo(meta.attributes);
            yield* builder.takeReady();
          }
        }
        counters.writeTo(meta.attributes);
      }
      const last = builder.flush();
      counters.writeTo(meta.attributes);
      if (last) yield last;
    } catch (error) {
      if (error instanceof LineTooLongError) throw lineTooLong(fileName, line + 1);
      throw error;
    } finally {
      stream.destroy();
    }
  }

  return { meta, batches: batches() };
};
