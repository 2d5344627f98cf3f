// Streaming an export from PostgreSQL to the HTTP client with flat memory: the web ReadableStream pulls
// the next batch only when the client has taken the previous one (backpressure), and a client that goes
// away cancels the stream, which closes the database connection and with it the running query.
// Every format comes straight from COPY ... TO STDOUT: PostgreSQL formats CSV, JSON and NDJSON rows, and
// writes netCDF's records as binary COPY rows that lib/api/copy-binary-records.ts unwraps. No row ever
// becomes a JavaScript object.
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { CopyDecoder } from './copy-binary-records';

/** Bytes gathered before handing a chunk on: COPY emits one small message per row. */
const CHUNK_BYTES = 64 * 1024;

/** Commits and returns the connection when the stream ends; destroys it when the stream fails or is cancelled. */
export type Finish = (ok: boolean) => Promise<void>;

/**
 * CSV rows as COPY writes them; (`lines`) one text column per row written verbatim: CSV format with
 * quote and delimiter characters that JSON text never contains raw, so nothing is quoted or escaped;
 * or (`binary`) binary COPY, which needs a decoder.
 */
const COPY_OPTIONS = { csv: '(FORMAT csv)', lines: "(FORMAT csv, DELIMITER E'\\x02', QUOTE E'\\x01')", binary: '(FORMAT binary)' };

export interface CopyFraming {
  head: Buffer;
  tail?: Buffer;
  /** Turns binary COPY output into the body's bytes, and checks at the end that it was complete. */
  decoder?: CopyDecoder;
}

export function copyStream(
  client: pg.PoolClient,
  select: string,
  mode: keyof typeof COPY_OPTIONS,
  framing: CopyFraming,
  finish: Finish,
): ReadableStream<Uint8Array> {
  const { head, decoder } = framing;
  if ((mode === 'binary') !== (decoder !== undefined)) throw new Error('binary COPY needs a decoder, and only binary COPY takes one');
  const copy = client.query(copyTo(`COPY (${select}) TO STDOUT WITH ${COPY_OPTIONS[mode]}`));
  const tail = framing.tail ?? Buffer.alloc(0);
  const chunks = copy[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let pending: Buffer[] = [head];
  let size = head.length;
  let finished = false;
  const end = async (ok: boolean) => {
    if (finished) return;
    finished = true;
    await finish(ok);
  };
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        while (size < CHUNK_BYTES) {
          const next = await chunks.next();
          if (next.done) {
            decoder?.end();
            pending.push(tail);
            size += tail.length;
            if (size > 0) controller.enqueue(Buffer.concat(pending, size));
            await end(true);
            controller.close();
            return;
          }
          const bytes = decoder ? decoder.push(next.value) : next.value;
          pending.push(bytes);
          size += bytes.length;
        }
        controller.enqueue(Buffer.concat(pending, size));
        pending = [];
        size = 0;
      } catch (error) {
        await end(false);
        controller.error(error);
      }
    },
    async cancel() {
      copy.destroy();
      await end(false);
    },
  }, { highWaterMark: 1 });
}
