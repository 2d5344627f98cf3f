// Byte counts and sha256 digests of streams and files: how every copy in fieldops (raw store, mirrors) proves
// that what landed on disk is what was read.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { Transform, type Readable } from 'node:stream';

export interface Digest {
  bytes: number;
  sha256: string;
}

/** A pass-through stream that counts and hashes what goes by; `result()` once the stream has ended. */
export function hashingStream(): { stream: Transform; result: () => Digest } {
  const hash = crypto.createHash('sha256');
  let bytes = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  return { stream, result: () => ({ bytes, sha256: hash.digest('hex') }) };
}

export async function sha256OfStream(input: Readable): Promise<Digest> {
  const hash = crypto.createHash('sha256');
  let bytes = 0;
  for await (const chunk of input as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { bytes, sha256: hash.digest('hex') };
}

export function sha256OfFile(file: string): Promise<Digest> {
  return sha256OfStream(fs.createReadStream(file));
}
