// Streams the .data member of a .ghg archive line by line (bounded memory: one read chunk and one batch),
// after reading the .metadata member whole (it is small). index.ts states the decisions in one place.

import { LineTooLongError, lineChunks } from '../campbell-toa5/line-chunks';
import type { FileMeta, FileParser, ParseOptions, ScalarBatch, ScalarRow } from '../types';
import { ParseError } from '../types';
import { openGhg, openMember, readSmallMember } from './archive';
import { type DataColumns, dataColumns } from './columns';
import { decodeDataLine, isOtherRecord, localClockOffsetMinutes } from './data-line';
import { type GhgMetadata, parseMetadata } from './metadata';

export const GHG_STREAM = 'ghg';
const DEFAULT_BATCH_SIZE = 5000;
const MAX_HEADER_LINES = 64;
const HEADER_FIELD = /^([^:\t]{1,64}):\t?(.*)$/;

class GhgCounters {
  rows = 0;
  skippedRows = 0;
  badChecksumLines = 0;
  /** Intact lines of other record types (not DATA): skipped. */
  otherRecordLines = 0;
  nanValues = 0;
  timeReversals = 0;

  writeTo(attributes: Record<string, string | number | null>): void {
    Object.assign(attributes, {
      rows: this.rows, skippedRows: this.skippedRows, badChecksumLines: this.badChecksumLines, otherRecordLines: this.otherRecordLines,
      nanValues: this.nanValues, timeReversals: this.timeReversals,
    });
  }
}

export const parseGhg: FileParser = async (path: string, options: ParseOptions) => {
  const { fileName } = options;
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  const afterTimeMs = options.afterTimeMs ?? Number.NEGATIVE_INFINITY;
  const archive = await openGhg(path, fileName);
  let metadata: GhgMetadata;
  try {
    metadata = parseMetadata(await readSmallMember(archive, archive.metadata, fileName), fileName);
  } catch (error) {
    archive.zip.close();
    throw error;
  }
  const counters = new GhgCounters();
  const meta: FileMeta = {
    format: 'LI-COR GHG',
    attributes: {
      ...metadata.attributes, dataMember: archive.data.fileName, otherMembers: archive.otherMembers.join(','),
      // Local Date/Time minus UTC Seconds on the first record, in minutes; null until read (or unreadable).
      localClockOffsetMinutes: null,
    },
  };
  counters.writeTo(meta.attributes);

  async function* batches(): AsyncGenerator<ScalarBatch> {
    let columns: DataColumns | null = null;
    let rows: ScalarRow[] = [];
    let previousMs = Number.NEGATIVE_INFINITY;
    let line = 0;
    let offsetRead = false;
    const stream = await openMember(archive, archive.data, fileName).catch((error: unknown) => {
      archive.zip.close();
      throw error;
    });

    const handle = (text: string) => {
      if (text === '') return;
      if (!columns) {
        if (text.startsWith('DATAH\t')) {
          const found = dataColumns(text.split('\t'), metadata.columns);
          if (typeof found === 'string') throw new ParseError(fileName, `in the DATAH line: ${found}`, { line });
          columns = found;
          return;
        }
        const field = HEADER_FIELD.exec(text);
        if (!field || line > MAX_HEADER_LINES) {
          throw new ParseError(fileName, `expected a "Key:<tab>value" header line or the DATAH line within ${MAX_HEADER_LINES} lines, found "${text.slice(0, 40)}"`, { line });
        }
        meta.attributes[`data.${field[1]!.trim()}`] = field[2]!.trim().slice(0, 200);
        return;
      }
      if (!text.startsWith('DATA\t')) {
        if (columns.checksum >= 0 && isOtherRecord(text)) {
          counters.otherRecordLines++;
          return;
        }
        if (columns.checksum >= 0) {
          counters.badChecksumLines++;
          return;
        }
        throw new ParseError(fileName, `expected a DATA line, found "${text.slice(0, 40)}"`, { line });
      }
      const decoded = decodeDataLine(text, columns, fileName, line);
      if (!decoded.ok) {
        counters.badChecksumLines++;
        return;
      }
      if (!offsetRead) {
        meta.attributes.localClockOffsetMinutes = localClockOffsetMinutes(text, columns, decoded.timeMs);
        offsetRead = true;
      }
      counters.nanValues += decoded.nanValues;
      if (decoded.timeMs < previousMs) counters.timeReversals++;
      previousMs = decoded.timeMs;
      if (decoded.timeMs <= afterTimeMs) {
        counters.skippedRows++;
        return;
      }
      counters.rows++;
      rows.push(decoded.sequence === undefined ? { timeMs: decoded.timeMs, values: decoded.values } : { timeMs: decoded.timeMs, record: decoded.sequence, values: decoded.values });
    };

    const batchOf = (batchRows: ScalarRow[]): ScalarBatch => ({ type: 'scalars', stream: GHG_STREAM, variables: columns!.variables, rows: batchRows });
    try {
      for await (const chunk of lineChunks(stream)) {
        const text = chunk.bytes.toString('latin1');
        let from = 0;
        while (from < text.length) {
          const newline = text.indexOf('\n', from);
          let end = newline < 0 ? text.length : newline;
          if (end > from && text.charCodeAt(end - 1) === 13) end--;
          line++;
          handle(text.slice(from, end));
          from = newline < 0 ? text.length : newline + 1;
        }
        counters.writeTo(meta.attributes);
        if (rows.length >= batchSize) {
          for (let i = 0; i + batchSize <= rows.length; i += batchSize) yield batchOf(rows.slice(i, i + batchSize));
          rows = rows.slice(rows.length - (rows.length % batchSize));
        }
      }
      if (!columns) throw new ParseError(fileName, `the ${archive.data.fileName} member has no DATAH line naming the columns`);
      if (counters.badChecksumLines > 0 && counters.badChecksumLines >= counters.rows + counters.skippedRows) {
        throw new ParseError(fileName, `${counters.badChecksumLines} of ${counters.badChecksumLines + counters.rows + counters.skippedRows} records fail their CHK checksum (expected nearly all to pass; is the file corrupted?)`);
      }
      counters.writeTo(meta.attributes);
      if (rows.length > 0) yield batchOf(rows);
    } catch (error) {
      if (error instanceof LineTooLongError) throw new ParseError(fileName, `${error.message} in ${archive.data.fileName} (expected text lines)`, { line: line + 1 });
      throw error;
    } finally {
      stream.destroy();
      archive.zip.close();
    }
  }

  return { meta, batches: batches() };
};
