// Positioned reads that fill their buffer: a single read() may return fewer bytes than asked for, so loop
// until the length is met or the file ends.
import type { FileHandle } from 'node:fs/promises';

/** Up to `length` bytes from `position`; fewer only where the file ends. */
export async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  let filled = 0;
  while (filled < length) {
    const { bytesRead } = await handle.read(buffer, filled, length - filled, position + filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return buffer.subarray(0, filled);
}
