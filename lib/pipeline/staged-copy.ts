// Rows go into the time-series tables in chunks of COPY text. The unique (stream, variable, time) key makes
// a re-append or an overlapping file add nothing twice; how a chunk gets there depends on what is already
// stored:
// - nothing stored yet in the chunk's series and time range (the usual case: new data): COPY straight into
//   the table, inside a savepoint;
// - rows already there, or the direct COPY hits the unique key (a concurrent appender, a timestamp repeated
//   within the file): COPY into a staging table and INSERT … ON CONFLICT DO NOTHING.
// Each chunk is one complete COPY, so no COPY is ever open while other statements run on the connection.
// A chunk's bytes live in a buffer of its own that is reused from chunk to chunk (see copy-buffer.ts).
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { once } from 'node:events';
import { CopyBuffer } from './copy-buffer';

/** Lines per chunk: enough to amortise a COPY round trip and the range probe, few enough to keep memory flat
 * (measured with B1 when chunks were strings: 25,000 lines gave 0.91x plain COPY at 287 MB peak RSS; 100,000
 * gave 0.56x at 369 MB. As reused bytes: B1 0.96x at 188 MB, the 20 Hz day 0.80x at 203 MB). */
const CHUNK_LINES = 25_000;
const UNIQUE_VIOLATION = '23505';

type Target = 'observations' | 'profiles';

const COLUMNS: Record<Target, string> = {
  observations: 'time, stream_id, variable_id, value',
  profiles: 'time, stream_id, variable_id, "values"',
};

class Chunk {
  readonly text = new CopyBuffer();
  lines = 0;
  minMs = Infinity;
  maxMs = -Infinity;
  streamId = -1;
  variableIds = new Set<number>();

  /** A chunk holds one stream's rows, so its emptiness check is one index probe. */
  accepts(streamId: number): boolean {
    return this.lines === 0 || this.streamId === streamId;
  }

  reset(): void {
    this.text.reset();
    this.lines = 0;
    this.minMs = Infinity;
    this.maxMs = -Infinity;
    this.streamId = -1;
    this.variableIds.clear();
  }
}

export interface ChunkRows {
  /** COPY text lines; copied, so the caller may reuse its buffer once the write has resolved. */
  text: Uint8Array;
  lines: number;
  streamId: number;
  variableIds: number[];
  minMs: number;
  maxMs: number;
}

export class StagedCopy {
  private readonly chunks: Record<Target, Chunk> = { observations: new Chunk(), profiles: new Chunk() };
  inserted = { observations: 0, profiles: 0 };
  staged = { observations: 0, profiles: 0 };
  private stagingReady = false;

  constructor(private readonly client: PoolClient) {}

  async writeObservations(rows: ChunkRows): Promise<void> {
    await this.add('observations', rows);
  }

  async writeProfiles(rows: ChunkRows): Promise<void> {
    await this.add('profiles', rows);
  }

  async finish(): Promise<void> {
    await this.flush('observations');
    await this.flush('profiles');
  }

  private async add(target: Target, rows: ChunkRows): Promise<void> {
    if (rows.lines === 0) return;
    if (!this.chunks[target].accepts(rows.streamId)) await this.flush(target);
    const chunk = this.chunks[target];
    chunk.text.append(rows.text);
    chunk.lines += rows.lines;
    chunk.streamId = rows.streamId;
    chunk.minMs = Math.min(chunk.minMs, rows.minMs);
    chunk.maxMs = Math.max(chunk.maxMs, rows.maxMs);
    for (const id of rows.variableIds) chunk.variableIds.add(id);
    this.staged[target] += rows.lines;
    if (chunk.lines >= (target === 'observations' ? CHUNK_LINES : CHUNK_LINES / 100)) await this.flush(target);
  }

  private async flush(target: Target): Promise<void> {
    const chunk = this.chunks[target];
    if (chunk.lines === 0) return;
    const text = chunk.text.bytes();
    if (!(await this.rangeHasRows(target, chunk)) && (await this.copyDirect(target, text))) {
      this.inserted[target] += chunk.lines;
    } else {
      this.inserted[target] += await this.copyThroughStaging(target, text);
    }
    // Only now: a COPY resolves after the server's ReadyForQuery, so the socket no longer holds these bytes.
    chunk.reset();
  }

  private async rangeHasRows(target: Target, chunk: Chunk): Promise<boolean> {
    const { rows } = await this.client.query(
      `SELECT EXISTS (SELECT 1 FROM ${target} WHERE stream_id = $1 AND variable_id = ANY($2::int[]) AND time BETWEEN $3 AND $4) AS found`,
      [chunk.streamId, [...chunk.variableIds], new Date(chunk.minMs).toISOString(), new Date(chunk.maxMs).toISOString()],
    );
    return rows[0].found as boolean;
  }

  /** False when the unique key refused the chunk (nothing of it was kept: the savepoint is rolled back). */
  private async copyDirect(target: Target, text: Buffer): Promise<boolean> {
    await this.client.query('SAVEPOINT direct_copy');
    try {
      await copyText(this.client, `COPY ${target} (${COLUMNS[target]}) FROM STDIN`, text);
      await this.client.query('RELEASE SAVEPOINT direct_copy');
      return true;
    } catch (error) {
      await this.client.query('ROLLBACK TO SAVEPOINT direct_copy');
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) return false;
      throw error;
    }
  }

  private async copyThroughStaging(target: Target, text: Buffer): Promise<number> {
    if (!this.stagingReady) {
      await this.client.query(`CREATE TEMP TABLE IF NOT EXISTS staged_observations
        (time timestamptz, stream_id integer, variable_id integer, value double precision) ON COMMIT DELETE ROWS`);
      await this.client.query(`CREATE TEMP TABLE IF NOT EXISTS staged_profiles
        (time timestamptz, stream_id integer, variable_id integer, "values" real[]) ON COMMIT DELETE ROWS`);
      this.stagingReady = true;
    }
    await copyText(this.client, `COPY staged_${target} FROM STDIN`, text);
    const result = await this.client.query(
      `INSERT INTO ${target} (${COLUMNS[target]}) SELECT ${COLUMNS[target]} FROM staged_${target} ON CONFLICT DO NOTHING`,
    );
    await this.client.query(`TRUNCATE staged_${target}`);
    return result.rowCount ?? 0;
  }
}

async function copyText(client: PoolClient, statement: string, text: Buffer): Promise<void> {
  const stream = client.query(copyFrom(statement));
  const finished = once(stream, 'finish');
  stream.end(text);
  await finished;
}

/** COPY text encoding of a double: \N for missing; PostgreSQL reads NaN and Infinity as written. */
export function copyNumber(value: number | null): string {
  return value === null ? '\\N' : String(value);
}

/** COPY text encoding of a real[] (missing elements are NaN). */
export function copyRealArray(values: Float32Array): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) out += (i ? ',' : '') + String(values[i]);
  return out + '}';
}
