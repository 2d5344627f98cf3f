// What the partner API says about instruments' data: their variables (merged over stream versions by
// name) and the time span their data covers. Each read is one query for any number of instruments, so
// listing instruments costs the same few queries for three instruments or three hundred.
import { sql } from 'drizzle-orm';
import type { Queryable } from '../client';

export interface ApiVariable {
  name: string;
  unit: string | null;
  processing: string | null;
  shape: 'scalar' | 'profile';
  /** The stream (table) it belongs to; the newest one when several versions carry the name. */
  stream: string;
  /** Every variable id with this name (one per stream version), and their streams. */
  variableIds: number[];
  streamIds: number[];
}

const idList = (ids: readonly string[]) => sql.join(ids.map((id) => sql`${id}`), sql`, `);

/** Each instrument's variables in the order they first appeared; instruments without any are left out. */
export async function listApiVariablesByInstrument(db: Queryable, instrumentIds: readonly string[]): Promise<Map<string, ApiVariable[]>> {
  const byInstrument = new Map<string, ApiVariable[]>();
  if (instrumentIds.length === 0) return byInstrument;
  const result = await db.execute<Record<string, unknown>>(sql`
    SELECT st.instrument_id, v.name,
           (array_agg(v.unit ORDER BY st.version DESC, v.id DESC))[1] AS unit,
           (array_agg(v.processing ORDER BY st.version DESC, v.id DESC))[1] AS processing,
           (array_agg(v.shape::text ORDER BY st.version DESC, v.id DESC))[1] AS shape,
           (array_agg(st.name ORDER BY st.version DESC, v.id DESC))[1] AS stream,
           array_agg(v.id ORDER BY v.id) AS variable_ids,
           array_agg(DISTINCT st.id) AS stream_ids,
           min(v.id) AS first_id
    FROM variables v JOIN streams st ON st.id = v.stream_id
    WHERE st.instrument_id IN (${idList(instrumentIds)})
    GROUP BY st.instrument_id, v.name
    ORDER BY st.instrument_id, first_id`);
  for (const r of result.rows) {
    const instrumentId = String(r.instrument_id);
    const list = byInstrument.get(instrumentId) ?? [];
    list.push({
      name: String(r.name),
      unit: r.unit === null ? null : String(r.unit),
      processing: r.processing === null ? null : String(r.processing),
      shape: r.shape === 'profile' ? 'profile' : 'scalar',
      stream: String(r.stream),
      variableIds: (r.variable_ids as (number | string)[]).map(Number),
      streamIds: (r.stream_ids as (number | string)[]).map(Number),
    });
    byInstrument.set(instrumentId, list);
  }
  return byInstrument;
}

export async function listApiVariables(db: Queryable, instrumentId: string): Promise<ApiVariable[]> {
  return (await listApiVariablesByInstrument(db, [instrumentId])).get(instrumentId) ?? [];
}

export interface ApiCoverage {
  first: Date | null;
  last: Date | null;
}

export const NO_COVERAGE: ApiCoverage = Object.freeze({ first: null, last: null });

/**
 * First and last data time of each instrument over all its variables: one index probe per variable at
 * each end of the (stream_id, variable_id, time) index, never a scan. Instruments without data are left out.
 */
export async function listApiCoverage(db: Queryable, instrumentIds: readonly string[]): Promise<Map<string, ApiCoverage>> {
  const byInstrument = new Map<string, ApiCoverage>();
  if (instrumentIds.length === 0) return byInstrument;
  const result = await db.execute<{ instrument_id: string; first: string | null; last: string | null }>(sql`
    SELECT st.instrument_id, min(e.first)::text AS first, max(e.last)::text AS last
    FROM streams st JOIN variables v ON v.stream_id = st.id CROSS JOIN LATERAL (
      SELECT CASE WHEN v.shape = 'profile'
               THEN (SELECT min(p.time) FROM profiles p WHERE p.stream_id = v.stream_id AND p.variable_id = v.id)
               ELSE (SELECT min(o.time) FROM observations o WHERE o.stream_id = v.stream_id AND o.variable_id = v.id) END AS first,
             CASE WHEN v.shape = 'profile'
               THEN (SELECT max(p.time) FROM profiles p WHERE p.stream_id = v.stream_id AND p.variable_id = v.id)
               ELSE (SELECT max(o.time) FROM observations o WHERE o.stream_id = v.stream_id AND o.variable_id = v.id) END AS last
    ) e
    WHERE st.instrument_id IN (${idList(instrumentIds)})
    GROUP BY st.instrument_id
    HAVING max(e.last) IS NOT NULL`);
  for (const r of result.rows) {
    byInstrument.set(String(r.instrument_id), { first: r.first ? new Date(r.first) : null, last: r.last ? new Date(r.last) : null });
  }
  return byInstrument;
}

export async function getApiCoverage(db: Queryable, instrumentId: string): Promise<ApiCoverage> {
  return (await listApiCoverage(db, [instrumentId])).get(instrumentId) ?? NO_COVERAGE;
}
