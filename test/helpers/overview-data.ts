// Seeds instruments' data for overview tests and the B5 benchmark: regular series written by the database
// itself (generate_series), so a month of records costs one statement, with chosen holes.
import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client';

export interface SeriesSeed {
  instrumentId: string;
  stream?: string;
  variables: { name: string; unit?: string | null; shape?: 'scalar' | 'profile' }[];
  fromMs: number;
  /** Inclusive. */
  toMs: number;
  stepSeconds: number;
  /** [from, to) spans with no records. */
  holes?: [number, number][];
  /** Sets every variable of the last record to null (a NAN row). */
  lastRecordMissing?: boolean;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Creates the stream and variables, then the rows; returns the variable ids in the order given. */
export async function seedSeries(db: Database, seed: SeriesSeed): Promise<number[]> {
  const stream = await db.execute<{ id: number }>(sql`
    INSERT INTO streams (instrument_id, name) VALUES (${seed.instrumentId}, ${seed.stream ?? 'main'})
    ON CONFLICT (instrument_id, name, version) DO UPDATE SET name = EXCLUDED.name RETURNING id`);
  const streamId = Number(stream.rows[0]!.id);
  const ids: number[] = [];
  for (const v of seed.variables) {
    const row = await db.execute<{ id: number }>(sql`
      INSERT INTO variables (stream_id, name, unit, shape) VALUES (${streamId}, ${v.name}, ${v.unit ?? null}, ${v.shape ?? 'scalar'})
      RETURNING id`);
    ids.push(Number(row.rows[0]!.id));
  }
  const holes = seed.holes ?? [];
  const keep = holes.length === 0 ? sql`true`
    : sql.join(holes.map(([a, b]) => sql`NOT (t >= ${iso(a)}::timestamptz AND t < ${iso(b)}::timestamptz)`), sql` AND `);
  const times = sql`generate_series(${iso(seed.fromMs)}::timestamptz, ${iso(seed.toMs)}::timestamptz, make_interval(secs => ${seed.stepSeconds})) AS t`;
  const lastNull = seed.lastRecordMissing ? sql`t = ${iso(seed.toMs)}::timestamptz` : sql`false`;
  for (const [i, v] of seed.variables.entries()) {
    if ((v.shape ?? 'scalar') === 'profile') {
      await db.execute(sql`
        INSERT INTO profiles (time, stream_id, variable_id, values)
        SELECT t, ${streamId}, ${ids[i]!}, ARRAY[1, 2, 3]::real[] FROM ${times} WHERE ${keep}`);
    } else {
      await db.execute(sql`
        INSERT INTO observations (time, stream_id, variable_id, value)
        SELECT t, ${streamId}, ${ids[i]!}, CASE WHEN ${lastNull} THEN NULL ELSE round((${i} * 10 + sin(extract(epoch FROM t) / 3600))::numeric, 3) END
        FROM ${times} WHERE ${keep}`);
    }
  }
  return ids;
}

/** Media rows (webcam images) at a regular step. */
export async function seedMedia(db: Database, instrumentId: string, fromMs: number, toMs: number, stepSeconds: number): Promise<void> {
  await db.execute(sql`
    INSERT INTO media (instrument_id, taken_at, path, size)
    SELECT ${instrumentId}, t, 'media/' || ${instrumentId} || '/' || to_char(t AT TIME ZONE 'UTC', 'YYYYMMDD_HH24MISS') || '.jpg', 1000
    FROM generate_series(${iso(fromMs)}::timestamptz, ${iso(toMs)}::timestamptz, make_interval(secs => ${stepSeconds})) AS t`);
}

export async function seedQuicklook(db: Database, instrumentId: string, day: string, kind: string, relativePath: string): Promise<void> {
  await db.execute(sql`
    INSERT INTO quicklooks (instrument_id, day, kind, path) VALUES (${instrumentId}, ${day}::date, ${kind}, ${relativePath})`);
}

export async function setPaused(db: Database, instrumentId: string, paused: boolean): Promise<void> {
  await db.execute(sql`UPDATE instruments SET paused = ${paused} WHERE id = ${instrumentId}`);
}
