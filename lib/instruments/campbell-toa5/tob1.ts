// TOB1: TOA5's header plus a data-type line, then fixed-size binary records with no separators. Records
// are decoded straight from 1 MiB reads; tob1-layout.ts works out where each field sits.

import type { FileMeta, FileParser, ParseOptions, ScalarBatch } from '../types';
import { ParseError } from '../types';
import { BatchBuilder, RowCounters, batchSizeOf } from './batches';
import { openSnapshotStream } from './file-snapshot';
import { environmentAttributes } from './header';
import { ZoneClock } from '../../time/zone-clock';
import { type Tob1Layout, readTob1Layout } from './tob1-layout';
import { readNumber } from './tob1-types';
import { variableOf } from './variables';
import { tob1WallMs } from './wall-time';

const TARGET_READ_BYTES = 1024 * 1024;

/** Decodes the whole records in `bytes` (which starts at file offset `fileOffset`) into the builder. */
function decodeRecords(
  bytes: Buffer,
  fileOffset: number,
  layout: Tob1Layout,
  builder: BatchBuilder,
  counters: RowCounters,
  fileName: string,
): void {
  const { recordBytes, seconds, nanoseconds, record, valueSlots } = layout;
  const valueCount = valueSlots.length;
  const offsets = valueSlots.map((slot) => slot.offset);
  const codes = valueSlots.map((slot) => slot.code);
  for (let at = 0; at + recordBytes <= bytes.length; at += recordBytes) {
    const secondsValue = readNumber(bytes, at + seconds.offset, seconds.code);
    const nanosecondsValue = nanoseconds ? readNumber(bytes, at + nanoseconds.offset, nanoseconds.code) : 0;
    if (!(nanosecondsValue >= 0 && nanosecondsValue < 1e9) || !(secondsValue >= 0)) {
      // The one internal consistency check a TOB1 record allows; garbage or a wrong type line trips it.
      const where = nanoseconds ? at + nanoseconds.offset : at + seconds.offset;
      throw new ParseError(
        fileName,
        `record time ${secondsValue} s + ${nanosecondsValue} ns is out of range (expected 0..999999999 ns; garbage bytes or a wrong data type line?)`,
        { byteOffset: fileOffset + where },
      );
    }
    const recordValue = record ? readNumber(bytes, at + record.offset, record.code) : undefined;
    const values: (number | null)[] = [];
    for (let k = 0; k < valueCount; k++) {
      const value = readNumber(bytes, at + offsets[k]!, codes[k]!);
      if (value - value === 0) values.push(value);
      else {
        if (value !== value) counters.nanValues++;
        else counters.infValues++;
        values.push(null);
      }
    }
    builder.add(tob1WallMs(secondsValue, nanosecondsValue), recordValue, values);
  }
}

export const parseTob1: FileParser = async (path: string, options: ParseOptions) => {
  const { fileName } = options;
  const clock = new ZoneClock(options.timezone ?? 'UTC');
  const batchSize = batchSizeOf(options.batchSize);
  const layout = await readTob1Layout(path, fileName);
  const { environment, columns } = layout.header;
  const counters = new RowCounters();
  const meta: FileMeta = {
    format: 'TOB1',
    attributes: {
      ...environmentAttributes(environment),
      stringColumns: layout.stringColumns.join(','),
      timezone: clock.timeZone,
      recordBytes: layout.recordBytes,
      trailingBytesIgnored: layout.trailingLineEndBytes,
    },
  };
  counters.writeTo(meta.attributes);
  const variables = layout.valueColumns.map((i) => variableOf(columns[i]!));

  async function* batches(): AsyncGenerator<ScalarBatch> {
    const { afterTimeMs } = options;
    const builder = new BatchBuilder({ stream: environment.table, variables, batchSize, afterTimeMs, clock, counters });
    const readBytes = Math.max(1, Math.floor(TARGET_READ_BYTES / layout.recordBytes)) * layout.recordBytes;
    const dataEnd = layout.dataStart + layout.recordCount * layout.recordBytes;
    const stream = await openSnapshotStream(layout.snapshot, layout.dataStart, readBytes, dataEnd);
    let carry: Buffer | null = null;
    let offset = layout.dataStart;
    try {
      for await (const data of stream) {
        const bytes: Buffer = carry ? Buffer.concat([carry, data as Buffer]) : (data as Buffer);
        const whole = bytes.length - (bytes.length % layout.recordBytes);
        decodeRecords(bytes, offset, layout, builder, counters, fileName);
        carry = whole < bytes.length ? bytes.subarray(whole) : null;
        offset += whole;
        const ready = builder.takeReady();
        counters.writeTo(meta.attributes);
        for (const batch of ready) yield batch;
      }
      if (carry) {
        throw new ParseError(fileName, `the file ended inside a record (expected ${layout.recordBytes}-byte records)`, { byteOffset: offset });
      }
      const last = builder.flush();
      counters.writeTo(meta.attributes);
      if (last) yield last;
    } finally {
      stream.destroy();
    }
  }

  return { meta, batches: batches() };
};
