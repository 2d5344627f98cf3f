// Decoding one TOB3 frame, as Campbell's own reader does (Csi.Tob2.Frame.cpp):
//   header (12 bytes, little-endian): seconds since 1990, sub-second ticks, record number of the first record
//   records, packed, then padding
//   footer (uint32 little-endian): bits 0-11 minor frame size, 12 file mark, 13 remove mark, 14 empty,
//   15 minor frame, 16-31 validation stamp.
// A frame is valid when its stamp is the header's validation stamp or its complement (a ring file flips
// the stamp on every lap, so both are real data). A minor ("dirty") frame holds sub-frames written when the
// table was closed early: each ends in its own footer whose low bits give its size, walked back from the end.

import { readNumber } from '../campbell-toa5/tob1-types';
import { TOB1_EPOCH_WALL_MS } from '../campbell-toa5/wall-time';
import type { RowCounters } from '../campbell-toa5/batches';
import type { Tob3Header } from './header';
import { FRAME_FOOTER_BYTES, FRAME_HEADER_BYTES, type Tob3Layout } from './layout';

const OFFSET_MASK = 0x0fff;
const FILE_MARK = 0x1000;
const REMOVE_MARK = 0x2000;
const EMPTY = 0x4000;
const MINOR = 0x8000;

export class FrameCounters {
  /** Frames whose footer carries the validation stamp (or its complement) and hold records. */
  validFrames = 0;
  /** Frames with a footer that is neither stamp: corrupt, or left from an older table definition. */
  invalidFrames = 0;
  /** Frames that are all zero bytes: space the logger reserved but never wrote. */
  unwrittenFrames = 0;
  /** Valid frames flagged empty. */
  emptyFrames = 0;
  /** Valid frames made of minor frames (the table was closed before the frame filled). */
  minorFrames = 0;
  /** Frames flagged with a file mark or a card-removal mark (kept: the records are real). */
  fileMarks = 0;
  removeMarks = 0;
  /** Bytes after the last whole frame (a frame still being written, or a cut-off copy); not read. */
  partialFrameBytes = 0;

  writeTo(attributes: Record<string, string | number | null>): void {
    Object.assign(attributes, {
      validFrames: this.validFrames, invalidFrames: this.invalidFrames, unwrittenFrames: this.unwrittenFrames, emptyFrames: this.emptyFrames,
      minorFrames: this.minorFrames, fileMarks: this.fileMarks, removeMarks: this.removeMarks, partialFrameBytes: this.partialFrameBytes,
    });
  }
}

/** One run of records: a whole frame or one minor frame. */
export interface RecordRun {
  /** Byte offset of the first record inside the buffer. */
  start: number;
  count: number;
  wallMs: number;
  firstRecord: number;
}

function isAllZero(bytes: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (bytes[i] !== 0) return false;
  return true;
}

export class FrameDecoder {
  private readonly complement: number;
  constructor(
    private readonly header: Tob3Header,
    private readonly layout: Tob3Layout,
    readonly counters: FrameCounters,
    private readonly rowCounters: RowCounters,
  ) {
    this.complement = ~header.validationStamp & 0xffff;
  }

  private runAt(bytes: Buffer, begin: number, end: number): RecordRun | null {
    const count = Math.floor((end - begin - FRAME_HEADER_BYTES - FRAME_FOOTER_BYTES) / this.layout.recordBytes);
    if (count <= 0) return null;
    const seconds = bytes.readUInt32LE(begin);
    const ticks = bytes.readUInt32LE(begin + 4);
    return {
      start: begin + FRAME_HEADER_BYTES,
      count,
      wallMs: TOB1_EPOCH_WALL_MS + seconds * 1000 + ticks * this.header.resolutionMs,
      firstRecord: bytes.readUInt32LE(begin + 8),
    };
  }

  /** The record runs of the frame at bytes[at, at + frameBytes), oldest first; counts what it finds. */
  runs(bytes: Buffer, at: number): RecordRun[] {
    const end = at + this.header.frameBytes;
    const footer = bytes.readUInt32LE(end - FRAME_FOOTER_BYTES);
    const stamp = footer >>> 16;
    if (stamp !== this.header.validationStamp && stamp !== this.complement) {
      if (isAllZero(bytes, at, end)) this.counters.unwrittenFrames++;
      else this.counters.invalidFrames++;
      return [];
    }
    if (footer & FILE_MARK) this.counters.fileMarks++;
    if (footer & REMOVE_MARK) this.counters.removeMarks++;
    if (!(footer & MINOR)) {
      if (footer & EMPTY) {
        this.counters.emptyFrames++;
        return [];
      }
      const run = this.runAt(bytes, at, end);
      if (run) this.counters.validFrames++;
      return run ? [run] : [];
    }
    // Minor frames, walked from the end back to the start (the last one shares the major frame's footer).
    const runs: RecordRun[] = [];
    let last = end;
    while (last - at > FRAME_HEADER_BYTES) {
      const flags = bytes.readUInt32LE(last - FRAME_FOOTER_BYTES);
      const size = flags & OFFSET_MASK;
      if (!(flags & MINOR) || size > last - at) break;
      if (size === 0) {
        this.counters.invalidFrames++;
        return [];
      }
      const begin = last - size;
      if (size >= FRAME_HEADER_BYTES + FRAME_FOOTER_BYTES && !(flags & EMPTY)) {
        const run = this.runAt(bytes, begin, last);
        if (run) runs.unshift(run);
      }
      last = begin;
    }
    this.counters.minorFrames++;
    if (runs.length > 0) this.counters.validFrames++;
    else this.counters.emptyFrames++;
    return runs;
  }

  /** Values of the record at bytes[at...]: NaN and +-INF become null, counted like TOB1's (nanValues, infValues). */
  values(bytes: Buffer, at: number): (number | null)[] {
    const { valueOffsets, valueCodes } = this.layout;
    const values: (number | null)[] = new Array(valueOffsets.length);
    for (let k = 0; k < valueOffsets.length; k++) {
      const value = readNumber(bytes, at + valueOffsets[k]!, valueCodes[k]!);
      if (value - value === 0) values[k] = value;
      else {
        if (value !== value) this.rowCounters.nanValues++;
        else this.rowCounters.infValues++;
        values[k] = null;
      }
    }
    return values;
  }
}
