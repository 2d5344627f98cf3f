// The one FileParser for every HATPRO file: read the code and header through a bounded window, check that
// the file holds exactly the bytes the header promises, then stream the records in chunks.

import { open, type FileHandle } from 'node:fs/promises';
import { readAt } from '../../files/read-at';
import { ParseError, type FileParser, type ParsedBatch, type ParsedFile } from '../types';
import { BatchCollector } from './batches';
import { BinaryCursor, type CursorSource } from './binary-cursor';
import { readBlbLayout } from './blb';
import { readBrtLayout } from './brt';
import { describeKnownFileCodes, lookupFileCode, type FileCodeInfo, type HatproFamily } from './file-codes';
import { readHkdLayout } from './hkd';
import { readHpcLayout } from './hpc';
import { readIrtLayout } from './irt';
import { promisedBytes, type FamilyLayout, type LayoutReader, type RecordContext } from './layout';
import { readLwpIwvLayout } from './lwp-iwv';
import { readMetLayout } from './met';
import { makeTimeDecoder } from './time';
import { readTpcTpbLayout } from './tpc-tpb';

/** Every header fits: the largest legal one (BLB with 256 channels and 256 elevations) is under 5 KiB. */
const HEADER_WINDOW_BYTES = 64 * 1024;
/** Records are read in slices of about this size, so memory stays flat however long the file. */
const CHUNK_BYTES = 256 * 1024;

const LAYOUT_READERS: Record<HatproFamily, LayoutReader> = {
  LWP: readLwpIwvLayout,
  IWV: readLwpIwvLayout,
  BRT: readBrtLayout,
  BLB: readBlbLayout,
  MET: readMetLayout,
  HKD: readHkdLayout,
  IRT: readIrtLayout,
  TPC: readTpcTpbLayout,
  TPB: readTpcTpbLayout,
  HPC: readHpcLayout,
};

export const parseHatproFile: FileParser = async (path, options) => {
  const header = await readHeader(path, options.fileName);
  const { info, layout } = header;
  const timezone = options.timezone ?? 'UTC';
  const timeMs = makeTimeDecoder(layout.timeRef, timezone);
  const recordCount = layout.sections[0]?.count ?? 0;
  const parsed: ParsedFile = {
    meta: {
      format: 'rpg-hatpro',
      attributes: {
        fileCode: info.code,
        family: info.family,
        version: info.version,
        timeRef: layout.timeRef,
        timeReference: layout.timeRef === 1 ? 'UTC' : `local (${timezone})`,
        angleEncoding: info.angles,
        records: recordCount,
        ...layout.attributes,
      },
    },
    batches: {
      [Symbol.asyncIterator]: () => streamRecords(path, header, { timeMs, out: new BatchCollector(options) }),
    },
  };
  return parsed;
};

interface Header {
  source: CursorSource;
  info: FileCodeInfo;
  layout: FamilyLayout;
  headerEnd: number;
}

async function readHeader(path: string, fileName: string): Promise<Header> {
  const handle = await open(path, 'r');
  try {
    const fileSize = (await handle.stat()).size;
    if (fileSize === 0) {
      throw new ParseError(fileName, 'empty file: expected a 4-byte RPG file code', { byteOffset: 0 });
    }
    const source = { fileName, fileSize };
    const cursor = new BinaryCursor(await readAt(handle, 0, Math.min(fileSize, HEADER_WINDOW_BYTES)), 0, source);
    const code = cursor.int32('the RPG file code (int32)');
    const info =
      lookupFileCode(code) ?? cursor.fail(`unknown RPG file code ${code}; known codes: ${describeKnownFileCodes()}`, 0);
    const layout = LAYOUT_READERS[info.family](cursor, info);
    const headerEnd = cursor.offset;
    checkSize({ source, info, layout, headerEnd });
    return { source, info, layout, headerEnd };
  } finally {
    await handle.close();
  }
}

/** A short file is a truncated record, a long one trailing garbage; both are errors, never silent partials. */
function checkSize({ source, info, layout, headerEnd }: Header): void {
  const expectedSize = headerEnd + promisedBytes(layout);
  if (source.fileSize === expectedSize) return;
  const records = layout.sections.map((s) => `${s.count} x ${s.recordSize}-byte ${s.label}s`).join(' + ');
  const header = `the ${info.family} v${info.version} header (${headerEnd} bytes)`;
  const promise = `${header} promises ${records} = ${expectedSize} bytes`;
  if (source.fileSize < expectedSize) {
    throw new ParseError(source.fileName, `truncated record: ${promise}, but the file has only ${source.fileSize}`, {
      byteOffset: source.fileSize,
    });
  }
  throw new ParseError(
    source.fileName,
    `${source.fileSize - expectedSize} unexpected bytes after the last record: ${promise}`,
    { byteOffset: expectedSize },
  );
}

async function* streamRecords(path: string, header: Header, context: RecordContext): AsyncGenerator<ParsedBatch> {
  const handle = await open(path, 'r');
  try {
    let offset = header.headerEnd;
    for (const section of header.layout.sections) {
      offset += section.preambleSize ?? 0;
      const perChunk = Math.max(1, Math.floor(CHUNK_BYTES / section.recordSize));
      for (let first = 0; first < section.count; first += perChunk) {
        const count = Math.min(perChunk, section.count - first);
        const bytes = await readExactly(handle, offset, count * section.recordSize, header.source, section.label);
        const cursor = new BinaryCursor(bytes, offset, header.source);
        for (let i = 0; i < count; i++) {
          const recordEnd = cursor.offset + section.recordSize;
          section.readRecord(cursor, context);
          // A family reader that reads more or less than its declared size is a bug in this module.
          if (cursor.offset !== recordEnd) {
            const consumed = cursor.offset - recordEnd + section.recordSize;
            throw new Error(`${section.label} reader consumed ${consumed} of ${section.recordSize} bytes`);
          }
        }
        offset += count * section.recordSize;
        yield* context.out.takeReady();
      }
    }
    yield* context.out.takeRemaining();
  } finally {
    await handle.close();
  }
}

/** The size was checked when parsing began; a file that shrinks while being read is still an error. */
async function readExactly(
  handle: FileHandle,
  position: number,
  length: number,
  source: CursorSource,
  label: string,
): Promise<Buffer> {
  const bytes = await readAt(handle, position, length);
  if (bytes.length < length) {
    const end = position + bytes.length;
    const expected = `expected ${label}s up to byte ${position + length}`;
    throw new ParseError(source.fileName, `truncated record: ${expected}, the file now ends at byte ${end}`, {
      byteOffset: end,
    });
  }
  return bytes;
}
