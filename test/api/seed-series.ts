// Seeds regular scalar series straight into observations with generate_series: fast enough for the
// 10-million-value export test and the B6 benchmark, and deterministic so tests can compare values.
import { sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client';
import { resolveSeries } from '../../db/queries/series-catalog';

export interface SeedSeries {
  instrumentId: string;
  stream: string;
  variables: { name: string; unit: string | null }[];
  start: Date;
  stepMs: number;
  count: number;
  /** Record indexes to leave out (a gap), as [from, to) in steps. */
  gap?: [number, number];
}

/**
 * Value of variable k at step i: full-precision doubles (so formatting must round-trip), and every 37th
 * value of each variable missing (null).
 */
export const SEED_VALUE_SQL = (k: number) => sql.raw(`CASE WHEN (i + ${k}) % 37 = 0 THEN NULL ELSE sin(i * 0.37 + ${k}) * ${10 ** (k % 4)} END`);

export async function seedSeries(db: Queryable, seed: SeedSeries): Promise<number[]> {
  const { streamId, variableIds } = await resolveSeries(db, seed.instrumentId, seed.stream,
    seed.variables.map((v) => ({ name: v.name, unit: v.unit, processing: 'Smp', shape: 'scalar' as const })));
  const [gapFrom, gapTo] = seed.gap ?? [-1, -1];
  for (const [k, variableId] of variableIds.entries()) {
    await db.execute(sql`
      INSERT INTO observations (time, stream_id, variable_id, value)
      SELECT ${seed.start.toISOString()}::timestamptz + make_interval(secs => i * ${seed.stepMs / 1000}::float8), ${streamId}, ${variableId}, ${SEED_VALUE_SQL(k)}
      FROM generate_series(0, ${seed.count - 1}) AS i
      WHERE NOT (i >= ${gapFrom} AND i < ${gapTo})`);
  }
  return variableIds;
}
