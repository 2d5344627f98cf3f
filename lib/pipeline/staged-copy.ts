// Rows go into the time-series tables through COPY into per-transaction staging tables and one
// INSERT … SELECT … ON CONFLICT DO NOTHING per flush: COPY is the fast path into PostgreSQL, and the
// unique (stream, variable, time) key makes a re-append or an overlapping file add nothing twice.
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { once } from 'node:events';
import type { Writable } from 'node:stream';

/** Staged values are moved into the real tables every this many lines, to bound the staging table. */
const FLUSH_EVERY_LINES = 1_000_000;

export class StagedCopy {
  private obsStream: Writable | null = null;
  private profStream: Writable | null = null;
  private obsLines = 0;
  private profLines = 0;
  inserted = { observations: 0, profiles: 0 };
  staged = { observations: 0, profiles: 0 };

  constructor(private readonly client: PoolClient) {}

  async begin(): Promise<void> {
    await this.client.query(`CREATE TEMP TABLE IF NOT EXISTS staged_observations
      (time timestamptz, stream_id integer, variable_id integer, value double precision) ON COMMIT DELETE ROWS`);
    await this.client.query(`CREATE TEMP TABLE IF NOT EXISTS staged_profiles
      (time timestamptz, stream_id integer, variable_id integer, "values" real[]) ON COMMIT DELETE ROWS`);
  }

  /** Tab-separated COPY text lines for observations (time, stream_id, variable_id, value). */
  async writeObservations(text: string, lines: number): Promise<void> {
    if (lines === 0) return;
    await this.endProfilesCopy();
    this.obsStream ??= this.client.query(copyFrom('COPY staged_observations FROM STDIN'));
    await write(this.obsStream, text);
    this.obsLines += lines;
    this.staged.observations += lines;
    if (this.obsLines >= FLUSH_EVERY_LINES) await this.flushObservations();
  }

  async writeProfiles(text: string, lines: number): Promise<void> {
    if (lines === 0) return;
    await this.endObservationsCopy();
    this.profStream ??= this.client.query(copyFrom('COPY staged_profiles FROM STDIN'));
    await write(this.profStream, text);
    this.profLines += lines;
    this.staged.profiles += lines;
    if (this.profLines >= FLUSH_EVERY_LINES / 100) await this.flushProfiles();
  }

  /** Ends any COPY in progress, so the connection can run other statements (catalogue look-ups). */
  async pause(): Promise<void> {
    await this.endObservationsCopy();
    await this.endProfilesCopy();
  }

  async finish(): Promise<void> {
    await this.flushObservations();
    await this.flushProfiles();
  }

  // One connection runs one COPY at a time: a file mixing scalars and profiles switches between them.
  private async endObservationsCopy(): Promise<void> {
    if (this.obsStream) await end(this.obsStream);
    this.obsStream = null;
  }

  private async endProfilesCopy(): Promise<void> {
    if (this.profStream) await end(this.profStream);
    this.profStream = null;
  }

  private async flushObservations(): Promise<void> {
    await this.pause();
    if (this.obsLines === 0) return;
    const result = await this.client.query(`INSERT INTO observations (time, stream_id, variable_id, value)
      SELECT time, stream_id, variable_id, value FROM staged_observations ON CONFLICT DO NOTHING`);
    this.inserted.observations += result.rowCount ?? 0;
    await this.client.query('TRUNCATE staged_observations');
    this.obsLines = 0;
  }

  private async flushProfiles(): Promise<void> {
    await this.pause();
    if (this.profLines === 0) return;
    const result = await this.client.query(`INSERT INTO profiles (time, stream_id, variable_id, "values")
      SELECT time, stream_id, variable_id, "values" FROM staged_profiles ON CONFLICT DO NOTHING`);
    this.inserted.profiles += result.rowCount ?? 0;
    await this.client.query('TRUNCATE staged_profiles');
    this.profLines = 0;
  }
}

/** Writes with backpressure: waits for 'drain' when the socket buffer is full (rejects on a COPY error). */
async function write(stream: Writable, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain');
}

async function end(stream: Writable): Promise<void> {
  const finished = once(stream, 'finish');
  stream.end();
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
