// COPY text kept as bytes in one buffer that is reused batch after batch. Building a batch's COPY text as a
// JavaScript string (about 50,000 lines) left a tree of small strings per batch that lived across the COPY
// round trip, so the garbage collector promoted it and the heap of a 20 Hz day swung by 100 MB or more; bytes
// written into a reused buffer leave nothing behind.

const INITIAL_BYTES = 1 << 20;
/** Scalar batches of 20 Hz loggers need about 3 MiB; more is kept only until the next reset. */
const KEEP_BYTES = 16 << 20;
/** Longer text goes through Buffer.write, whose fixed cost is then small next to the copying. */
const SHORT_TEXT = 64;

export class CopyBuffer {
  private buffer = Buffer.allocUnsafe(INITIAL_BYTES);
  private used = 0;

  get length(): number {
    return this.used;
  }

  /**
   * Appends text as UTF-8. COPY text of numbers and times is short ASCII, which is copied by a plain loop:
   * that allocates nothing and is cheaper than a call into Buffer.write per value.
   */
  write(text: string): void {
    // A UTF-16 code unit never takes more than 3 bytes in UTF-8.
    this.reserve(text.length * 3);
    const buffer = this.buffer;
    let at = this.used;
    if (text.length <= SHORT_TEXT) {
      for (let i = 0; i < text.length; i++) {
        const code = text.charCodeAt(i);
        if (code >= 0x80) {
          this.used += buffer.write(text, this.used, 'utf8');
          return;
        }
        buffer[at++] = code;
      }
      this.used = at;
      return;
    }
    this.used += buffer.write(text, at, 'utf8');
  }

  writeByte(byte: number): void {
    this.reserve(1);
    this.buffer[this.used++] = byte;
  }

  append(bytes: Uint8Array): void {
    this.reserve(bytes.length);
    this.buffer.set(bytes, this.used);
    this.used += bytes.length;
  }

  /** The bytes written so far: a view, valid until the next write or reset. */
  bytes(): Buffer {
    return this.buffer.subarray(0, this.used);
  }

  /** Empties the buffer; one that grew for an unusually large batch (long profiles) is given back. */
  reset(): void {
    this.used = 0;
    if (this.buffer.length > KEEP_BYTES) this.buffer = Buffer.allocUnsafe(INITIAL_BYTES);
  }

  private reserve(bytes: number): void {
    const needed = this.used + bytes;
    if (needed <= this.buffer.length) return;
    let size = this.buffer.length * 2;
    while (size < needed) size *= 2;
    const grown = Buffer.allocUnsafe(size);
    this.buffer.copy(grown, 0, 0, this.used);
    this.buffer = grown;
  }
}
