// Streaming an export from PostgreSQL to the HTTP client with flat memory: the web ReadableStream pulls
// the next batch only when the client has taken the previous one (backpressure), and a client that goes
// away cancels the stream, which closes the database connection and with it the running query.
// CSV, JSON and NDJSON come straight from COPY ... TO STDOUT (PostgreSQL formats the rows); netCDF reads
// a cursor in batches and encodes them in JavaScript.
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { Row, RowEncoder } from './export-encoders';

/** Bytes gathered before handing a chunk on: COPY emits one small message per row. */
const CHUNK_BYTES = 64 * 1024;
const FETCH_ROWS = 1000;

/** Commits and returns the connection when the stream ends; destroys it when the stream fails or is cancelled. */
export type Finish = (ok: boolean) => Promise<void>;

/**
 * CSV rows as COPY writes them; or (`lines`) one text column per row written verbatim: CSV format with
 * quote and delimiter characters that JSON text never contains raw, so nothing is quoted or escaped.
 */
const COPY_OPTIONS = { csv: '(FORMAT csv)', lines: "(FORMAT csv, DELIMITER E'\\x02', QUOTE E'\\x01')" };

export function copyStream(
  client: pg.PoolClient,
  select: string,
  mode: keyof typeof COPY_OPTIONS,
  framing: { head: Buffer; tail?: Buffer },
  finish: Finish,
): ReadableStream<Uint8Array> {
  const copy = client.query(copyTo(`COPY (${select}) TO STDOUT WITH ${COPY_OPTIONS[mode]}`));
  const head = framing.head;
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
            pending.push(tail);
            size += tail.length;
            if (size > 0) controller.enqueue(Buffer.concat(pending, size));
            await end(true);
            controller.close();
            return;
          }
          pending.push(next.value);
          size += next.value.length;
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

export function cursorStream(
  client: pg.PoolClient,
  select: string,
  encoder: RowEncoder,
  finish: Finish,
  expectedRows?: number,
): ReadableStream<Uint8Array> {
  let opened = false;
  let finished = false;
  let delivered = 0;
  const end = async (ok: boolean) => {
    if (finished) return;
    finished = true;
    await finish(ok);
  };
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        if (!opened) {
          opened = true;
          await client.query(`DECLARE fieldops_export NO SCROLL CURSOR FOR ${select}`);
          controller.enqueue(encoder.head());
          return;
        }
        const batch = await client.query<Row>({ text: `FETCH ${FETCH_ROWS} FROM fieldops_export`, rowMode: 'array' });
        delivered += batch.rows.length;
        if (batch.rows.length > 0) controller.enqueue(encoder.rows(batch.rows));
        if (batch.rows.length < FETCH_ROWS) {
          // The header promised a record count (netCDF): a different count would be a corrupt file.
          if (expectedRows !== undefined && delivered !== expectedRows) {
            throw new Error(`export produced ${delivered} rows, ${expectedRows} announced`);
          }
          await client.query('CLOSE fieldops_export');
          controller.enqueue(encoder.tail());
          await end(true);
          controller.close();
        }
      } catch (error) {
        await end(false);
        controller.error(error);
      }
    },
    async cancel() {
      await end(false);
    },
  }, { highWaterMark: 1 });
}
