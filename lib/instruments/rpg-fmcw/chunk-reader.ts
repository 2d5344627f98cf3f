// Sequential reads of exact byte counts from an open file through one reusable window, so a 100 MB LV1 day
// streams in flat memory. A short read names what was expected and where the file ends.

import type { FileHandle } from 'node:fs/promises';
import { readAt } from '../../files/read-at';
import { ParseError } from '../types';

const WINDOW_BYTES = 256 * 1024;

export class ChunkReader {
  private window: Buffer = Buffer.alloc(0);
  private windowStart: number;
  private used = 0;

  constructor(
    private readonly handle: FileHandle,
    /** Absolute offset of the next byte to deliver. */
    start: number,
    private readonly fileName: string,
    private readonly fileSize: number,
  ) {
    this.windowStart = start;
  }

  /** Absolute offset of the next unread byte. */
  get offset(): number {
    return this.windowStart + this.used;
  }

  /** Exactly `length` bytes (the caller has bounded it), or a ParseError saying the file ends first. */
  async take(length: number, what: string): Promise<Buffer> {
    if (this.offset + length > this.fileSize) {
      throw new ParseError(
        this.fileName,
        `truncated: expected ${what} (${length} bytes) but the file ends at byte ${this.fileSize}`,
        { byteOffset: this.offset },
      );
    }
    if (this.used + length > this.window.length) await this.refill(length);
    const bytes = this.window.subarray(this.used, this.used + length);
    this.used += length;
    return bytes;
  }

  private async refill(atLeast: number): Promise<void> {
    const start = this.offset;
    const size = Math.min(Math.max(WINDOW_BYTES, atLeast), this.fileSize - start);
    const window = await readAt(this.handle, start, size);
    const filled = window.length;
    if (filled < atLeast) {
      throw new ParseError(this.fileName, `truncated: the file shrank to ${start + filled} bytes while being read`, {
        byteOffset: start + filled,
      });
    }
    this.window = window;
    this.windowStart = start;
    this.used = 0;
  }
}
