// A bounds-checked little-endian reader over one slice of an RPG binary file.
//
// Every read names what it expected, so a short or hostile file fails with a ParseError that says which field
// was missing and at which absolute byte of the file, instead of a RangeError from deep inside Buffer.

import { ParseError } from '../types';

export interface CursorSource {
  fileName: string;
  /** Size of the whole file, so that running off the slice can be told apart from running off the file. */
  fileSize: number;
}

export class BinaryCursor {
  private position = 0;

  constructor(
    private readonly bytes: Buffer,
    /** Absolute file offset of `bytes[0]`. */
    private readonly sliceStart: number,
    private readonly source: CursorSource,
  ) {}

  /** Absolute byte offset in the file of the next unread byte. */
  get offset(): number {
    return this.sliceStart + this.position;
  }

  get fileName(): string {
    return this.source.fileName;
  }

  int32(what: string): number {
    this.need(4, what);
    const value = this.bytes.readInt32LE(this.position);
    this.position += 4;
    return value;
  }

  float32(what: string): number {
    this.need(4, what);
    const value = this.bytes.readFloatLE(this.position);
    this.position += 4;
    return value;
  }

  uint8(what: string): number {
    this.need(1, what);
    const value = this.bytes.readUInt8(this.position);
    this.position += 1;
    return value;
  }

  /** `count` has always been validated against a limit by the caller, so this never allocates much. */
  float32List(count: number, what: string): number[] {
    this.need(4 * count, what);
    const values: number[] = [];
    for (let i = 0; i < count; i++) values.push(this.float32(what));
    return values;
  }

  int32List(count: number, what: string): number[] {
    this.need(4 * count, what);
    const values: number[] = [];
    for (let i = 0; i < count; i++) values.push(this.int32(what));
    return values;
  }

  skip(byteCount: number, what: string): void {
    this.need(byteCount, what);
    this.position += byteCount;
  }

  /**
   * An int32 count from a header. Refused outside [min, max] before anything is sized from it: a hostile
   * header claiming 2^31 channels must not turn into a 8 GiB allocation.
   */
  count(what: string, limits: { min: number; max: number }): number {
    const at = this.offset;
    const value = this.int32(what);
    if (value < limits.min || value > limits.max) {
      this.fail(`implausible ${what} ${value}: expected ${limits.min}..${limits.max}`, at);
    }
    return value;
  }

  fail(message: string, byteOffset: number = this.offset): never {
    throw new ParseError(this.source.fileName, message, { byteOffset });
  }

  private need(byteCount: number, what: string): void {
    if (this.position + byteCount <= this.bytes.length) return;
    const sliceEnd = this.sliceStart + this.bytes.length;
    if (sliceEnd >= this.source.fileSize) {
      this.fail(`truncated: expected ${what} (${byteCount} bytes) but the file ends at byte ${this.source.fileSize}`);
    }
    // Only headers are read through a bounded window; records are read in exact, pre-validated slices.
    this.fail(`expected ${what} (${byteCount} bytes) beyond the ${this.bytes.length}-byte header window`);
  }
}
