// Reads a TOB3 file frame by frame in bounded memory (1 MiB reads). A ring-memory file that has wrapped
// holds its newest frames at the start of the data area, over the oldest: reading starts at the oldest
// frame (oldestFrame) and runs to the end, then from the start up to it, giving rows oldest first.

import { open } from 'node:fs/promises';
import { BatchBuilder, RowCounters, batchSizeOf } from '../campbell-toa5/batches';
import { type FileSnapshot, openSnapshotStream, readHeadLines } from '../campbell-toa5/file-snapshot';
import { decodeHeaderLine } from '../campbell-toa5/header';
import { variableOf } from '../campbell-toa5/variables';
import { ZoneClock } from '../../time/zone-clock';
import type { FileMeta, FileParser, ParseOptions, ScalarBatch } from '../types';
import { ParseError } from '../types';
import { FrameCounters, FrameDecoder, type RecordRun } from './frames';
import { TOB3_HEADER_LINES, type Tob3Header, parseTob3Header } from './header';
import { type Tob3Layout, tob3Layout } from './layout';

const TARGET_READ_BYTES = 1024 * 1024;

interface Tob3Plan {
  snapshot: FileSnapshot;
  header: Tob3Header;
  layout: Tob3Layout;
  dataStart: number;
  frameCount: number;
}

async function readPlan(path: string, fileName: string): Promise<Tob3Plan> {
  const head = await readHeadLines(path, fileName, TOB3_HEADER_LINES);
  const text = head.lines.map((line, i) => decodeHeaderLine(line, fileName, i + 1));
  // Line 1 first: a file that is not TOB3 at all should say so, not that its header is short.
  if (text.length > 0 && !/^"?TOB3"?(,|$)/.test(text[0]!)) parseTob3Header([text[0]!], fileName);
  if (head.lines.length < TOB3_HEADER_LINES || !head.lastTerminated) {
    throw new ParseError(fileName, `the header ends early: expected ${TOB3_HEADER_LINES} header lines, found ${head.lastTerminated ? head.lines.length : head.lines.length - 1}`, {
      line: head.lines.length + (head.lastTerminated ? 1 : 0),
    });
  }
  const header = parseTob3Header(text, fileName);
  const layout = tob3Layout(header, fileName);
  const dataStart = head.lineEnds[TOB3_HEADER_LINES - 1]!;
  const frameCount = Math.floor((head.snapshot.size - dataStart) / header.frameBytes);
  return { snapshot: head.snapshot, header, layout, dataStart, frameCount };
}

/** Buffers of whole frames covering frames [firstFrame, endFrame), read in about 1 MiB pieces. */
async function* frameChunks(plan: Tob3Plan, firstFrame: number, endFrame: number): AsyncGenerator<Buffer> {
  if (endFrame <= firstFrame) return;
  const { frameBytes } = plan.header;
  const readBytes = Math.max(1, Math.floor(TARGET_READ_BYTES / frameBytes)) * frameBytes;
  const start = plan.dataStart + firstFrame * frameBytes;
  const stream = await openSnapshotStream(plan.snapshot, start, readBytes, plan.dataStart + endFrame * frameBytes);
  let carry: Buffer | null = null;
  try {
    for await (const data of stream) {
      const bytes: Buffer = carry ? Buffer.concat([carry, data as Buffer]) : (data as Buffer);
      const whole = bytes.length - (bytes.length % frameBytes);
      carry = whole < bytes.length ? bytes.subarray(whole) : null;
      if (whole > 0) yield bytes.subarray(0, whole);
    }
  } finally {
    stream.destroy();
  }
}

/**
 * Where the oldest data starts, as Campbell's reader finds it (Csi.Tob2.DataFile seek_to_oldest): the logger
 * flips the validation stamp to its complement on every lap of a ring file, so when the first and last
 * frames carry different stamps, both valid, the oldest frame is the first one stamped like the last,
 * found by a binary search over frame footers. Otherwise (one lap, or unwritten frames at the end) it is 0.
 */
async function oldestFrame(plan: Tob3Plan): Promise<number> {
  const last = plan.frameCount - 1;
  if (last < 1) return 0;
  const handle = await open(plan.snapshot.path, 'r');
  try {
    const footer = Buffer.alloc(4);
    const stampOf = async (frame: number) => {
      await handle.read(footer, 0, 4, plan.dataStart + (frame + 1) * plan.header.frameBytes - 4);
      return footer.readUInt16LE(2);
    };
    const fileStamp = plan.header.validationStamp;
    const related = (stamp: number) => stamp === fileStamp || stamp === (~fileStamp & 0xffff);
    const first = await stampOf(0);
    const lastStamp = await stampOf(last);
    if (first === lastStamp || !related(first) || !related(lastStamp)) return 0;
    let begin = 0;
    let end = last;
    while (end - begin > 1) {
      const mid = begin + Math.floor((end - begin) / 2);
      if ((await stampOf(mid)) === first) begin = mid;
      else end = mid;
    }
    return end;
  } finally {
    await handle.close();
  }
}

export const parseTob3: FileParser = async (path: string, options: ParseOptions) => {
  const { fileName } = options;
  const clock = new ZoneClock(options.timezone ?? 'UTC');
  const batchSize = batchSizeOf(options.batchSize);
  const plan = await readPlan(path, fileName);
  const { header, layout } = plan;
  const rowCounters = new RowCounters();
  const frameCounters = new FrameCounters();
  frameCounters.partialFrameBytes = plan.snapshot.size - plan.dataStart - plan.frameCount * header.frameBytes;
  const { environment } = header;
  const meta: FileMeta = {
    format: 'TOB3',
    attributes: {
      station: environment.station, model: environment.model, serial: environment.serial, os: environment.os,
      program: environment.program, signature: environment.signature, created: environment.created, table: header.table,
      recordInterval: header.recordIntervalText, frameBytes: header.frameBytes, intendedRecords: header.intendedRecords,
      validationStamp: header.validationStamp, frameTimeResolution: header.resolutionText, ringRecord: header.ringRecord,
      cardRemovalTime: header.cardRemovalTime, recordBytes: layout.recordBytes, recordsPerFrame: layout.recordsPerFrame,
      frames: plan.frameCount, stringColumns: layout.stringColumns.join(','), timezone: clock.timeZone,
    },
  };
  rowCounters.writeTo(meta.attributes);
  frameCounters.writeTo(meta.attributes);
  const variables = layout.valueColumns.map(variableOf);

  async function* batches(): AsyncGenerator<ScalarBatch> {
    const builder = new BatchBuilder({ stream: header.table, variables, batchSize, afterTimeMs: options.afterTimeMs, clock, counters: rowCounters });
    const decoder = new FrameDecoder(header, layout, frameCounters, rowCounters);
    const addRun = (bytes: Buffer, run: RecordRun) => {
      for (let i = 0; i < run.count; i++) {
        const at = run.start + i * layout.recordBytes;
        builder.add(run.wallMs + i * header.recordIntervalMs, (run.firstRecord + i) % 0x1_0000_0000, decoder.values(bytes, at));
      }
    };
    const start = await oldestFrame(plan);
    meta.attributes.firstFrameRead = start;
    for (const [from, to] of [[start, plan.frameCount], [0, start]] as const) {
      // Batches are handed out after each read, so memory holds one read and the batches it filled.
      for await (const bytes of frameChunks(plan, from, to)) {
        for (let at = 0; at < bytes.length; at += header.frameBytes) {
          for (const run of decoder.runs(bytes, at)) addRun(bytes, run);
        }
        rowCounters.writeTo(meta.attributes);
        frameCounters.writeTo(meta.attributes);
        for (const batch of builder.takeReady()) yield batch;
      }
    }
    if (frameCounters.validFrames === 0 && frameCounters.invalidFrames > 0) {
      throw new ParseError(fileName, `none of ${plan.frameCount} frames carries the validation stamp ${header.validationStamp} or its complement (corrupt data, or a header from another file)`, {
        byteOffset: plan.dataStart,
      });
    }
    const last = builder.flush();
    rowCounters.writeTo(meta.attributes);
    frameCounters.writeTo(meta.attributes);
    if (last) yield last;
  }

  return { meta, batches: batches() };
};
