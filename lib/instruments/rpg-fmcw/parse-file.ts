// The FileParser for RPG FMCW LV1 files: read the header through a bounded window, check the sample count
// against the bytes that follow, then stream the samples: housekeeping into one scalar table, each radar moment
// into a profile table along the range gates. Any inconsistency (a sample whose fields do not add up to its
// SampBytes, a file that ends early or runs on) is a ParseError, so the whole file is quarantined.

import { open } from 'node:fs/promises';
import { readAt } from '../../files/read-at';
import { BatchCollector, type ProfileTable, type ScalarTable } from '../rpg-hatpro/batches';
import { BinaryCursor, type CursorSource } from '../rpg-hatpro/binary-cursor';
import { makeTimeDecoder, type TimeDecoder } from '../rpg-hatpro/time';
import { ParseError, type FileParser, type ParseOptions, type ParsedBatch } from '../types';
import { describeLevel1Codes, lookupFmcwFileCode } from './file-codes';
import { LIMITS, readLv1Header, type Lv1Header } from './header';
import { sampleLayout, type SampleLayout } from './sample-layout';
import { ChunkReader } from './chunk-reader';
import { readSample } from './sample';
import { HOUSEKEEPING_STREAM, HOUSEKEEPING_VARIABLES, MOMENTS_STREAM, momentVariable } from './variables';

export const parseFmcwLv1File: FileParser = async (path, options) => {
  const opened = await readHeader(path, options.fileName);
  const { header, sampleCount } = opened;
  return {
    meta: { format: 'rpg-fmcw-lv1', attributes: { ...header.attributes, samples: sampleCount } },
    batches: { [Symbol.asyncIterator]: () => streamSamples(path, opened, options) },
  };
};

interface OpenedFile {
  source: CursorSource;
  header: Lv1Header;
  layout: SampleLayout;
  sampleCount: number;
  /** Byte offset of the first sample's SampBytes. */
  samplesStart: number;
}

async function readHeader(path: string, fileName: string): Promise<OpenedFile> {
  const handle = await open(path, 'r');
  try {
    const fileSize = (await handle.stat()).size;
    const source = { fileName, fileSize };
    const lead = new BinaryCursor(await readAt(handle, 0, Math.min(fileSize, 8)), 0, source);
    if (fileSize === 0) lead.fail('empty file: expected a 4-byte RPG file code');
    const code = lead.int32('the RPG file code (int32)');
    const info =
      lookupFmcwFileCode(code) ?? lead.fail(`unknown RPG FMCW file code ${code}; level-1 codes: ${describeLevel1Codes()}`, 0);
    if (info.level !== 1) {
      lead.fail(`file code ${code} is a level-0 (Doppler spectra) file; only level-1 (moments) files are ingested`, 0);
    }
    const claimed = lead.int32('header length (HeaderLen)');
    const windowEnd = 8 + Math.min(Math.max(claimed, 0), LIMITS.headerBytes.max) + 4;
    const cursor = new BinaryCursor(await readAt(handle, 0, Math.min(fileSize, windowEnd)), 0, source);
    cursor.skip(4, 'file code');
    const header = readLv1Header(cursor, info);
    const countAt = cursor.offset;
    const layout = sampleLayout(header);
    const room = fileSize - countAt - 4;
    // Bounded by what could fit: a count larger than the bytes left is a truncated (or corrupt) file.
    const sampleCount = cursor.count('sample count', { min: 0, max: 0x7fffffff });
    const fitting = Math.floor(room / (4 + layout.minBytes));
    if (sampleCount > fitting) {
      cursor.fail(
        `truncated: the header promises ${sampleCount} samples of at least ${4 + layout.minBytes} bytes each, ` +
          `but only ${room} bytes follow (room for ${fitting})`,
        countAt,
      );
    }
    return { source, header, layout, sampleCount, samplesStart: cursor.offset };
  } finally {
    await handle.close();
  }
}

async function* streamSamples(path: string, file: OpenedFile, options: ParseOptions): AsyncGenerator<ParsedBatch> {
  const { source, header, layout, sampleCount } = file;
  const out = new BatchCollector(options);
  const timeMs: TimeDecoder = makeTimeDecoder(0, options.timezone ?? 'UTC');
  const housekeeping: ScalarTable = { type: 'scalars', stream: HOUSEKEEPING_STREAM, variables: HOUSEKEEPING_VARIABLES };
  const moments = layout.gateFields.map((field): ProfileTable | null =>
    field ? { type: 'profiles', stream: MOMENTS_STREAM, variable: momentVariable(field, header.rangeGates) } : null,
  );
  const handle = await open(path, 'r');
  try {
    const reader = new ChunkReader(handle, file.samplesStart, source.fileName, source.fileSize);
    for (let index = 0; index < sampleCount; index++) {
      const sample = await readSample(reader, layout, source, index);
      const at = timeMs(sample.seconds) + sample.milliseconds;
      out.addScalars(housekeeping, at, sample.housekeeping);
      sample.moments.forEach((values, i) => {
        const table = moments[i];
        if (table) out.addProfile(table, at, values);
      });
      yield* out.takeReady();
    }
    if (reader.offset !== source.fileSize) {
      throw new ParseError(
        source.fileName,
        `${source.fileSize - reader.offset} unexpected bytes after the last of the header's ${sampleCount} samples`,
        { byteOffset: reader.offset },
      );
    }
    yield* out.takeRemaining();
  } finally {
    await handle.close();
  }
}

