// What the partner API says about an instrument's data: its variables (merged over stream versions by
// name), the time span its data covers, and its latest record (for the feed state).
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

export async function listApiVariables(db: Queryable, instrumentId: string): Promise<ApiVariable[]> {
  const result = await db.execute<Record<string, unknown>>(sql`
    SELECT v.name,
           (array_agg(v.unit ORDER BY st.version DESC, v.id DESC))[1] AS unit,
           (array_agg(v.processing ORDER BY st.version DESC, v.id DESC))[1] AS processing,
           (array_agg(v.shape::text ORDER BY st.version DESC, v.id DESC))[1] AS shape,
           (array_agg(st.name ORDER BY st.version DESC, v.id DESC))[1] AS stream,
           array_agg(v.id ORDER BY v.id) AS variable_ids,
           array_agg(DISTINCT st.id) AS stream_ids,
           min(v.id) AS first_id
    FROM variables v JOIN streams st ON st.id = v.stream_id
    WHERE st.instrument_id = ${instrumentId}
    GROUP BY v.name
    ORDER BY first_id`);
  return result.rows.map((r) => ({
    name: String(r.name),
    unit: r.unit === null ? null : String(r.unit),
    processing: r.processing === null ? null : String(r.processing),
    shape: r.shape === 'profile' ? 'profile' : 'scalar',
    stream: String(r.stream),
    variableIds: (r.variable_ids as (number | string)[]).map(Number),
    streamIds: (r.stream_ids as (number | string)[]).map(Number),
  }));
}

export interface ApiCoverage {
  first: Date | null;
  last: Date | null;
}

/**
 * First and last data time over the given variables: one index probe per variable at each end of the
 * (stream_id, variable_id, time) index, never a scan.
 */
export async function getApiCoverage(db: Queryable, variables: { streamIds: number[]; variableIds: number[]; shape: string }[]): Promise<ApiCoverage> {
  const scalar = variables.filter((v) => v.shape === 'scalar').flatMap((v) => v.variableIds);
  const profile = variables.filter((v) => v.shape === 'profile').flatMap((v) => v.variableIds);
  if (scalar.length + profile.length === 0) return { first: null, last: null };
  const result = await db.execute<{ first: string | null; last: string | null }>(sql`
    WITH ids AS (
      SELECT v.id, v.stream_id, false AS is_profile FROM variables v WHERE v.id = ANY(${toIntArray(scalar)})
      UNION ALL SELECT v.id, v.stream_id, true FROM variables v WHERE v.id = ANY(${toIntArray(profile)})
    )
    SELECT min(e.first)::text AS first, max(e.last)::text AS last FROM ids CROSS JOIN LATERAL (
      SELECT CASE WHEN ids.is_profile
               THEN (SELECT min(p.time) FROM profiles p WHERE p.stream_id = ids.stream_id AND p.variable_id = ids.id)
               ELSE (SELECT min(o.time) FROM observations o WHERE o.stream_id = ids.stream_id AND o.variable_id = ids.id) END AS first,
             CASE WHEN ids.is_profile
               THEN (SELECT max(p.time) FROM profiles p WHERE p.stream_id = ids.stream_id AND p.variable_id = ids.id)
               ELSE (SELECT max(o.time) FROM observations o WHERE o.stream_id = ids.stream_id AND o.variable_id = ids.id) END AS last
    ) e`);
  const row = result.rows[0];
  return { first: row?.first ? new Date(row.first) : null, last: row?.last ? new Date(row.last) : null };
}

/** An int[] parameter (drizzle would otherwise expand a JS array into a list of parameters). */
export function toIntArray(ids: number[]) {
  return sql`${`{${ids.map((id) => Math.trunc(id)).join(',')}}`}::int[]`;
}

export interface ApiInstrument {
  id: string;
  name: string;
  kind: string;
  siteId: string;
  siteName: string;
  enabled: boolean;
  paused: boolean;
  expectedIntervalSeconds: number | null;
}

/** Instruments in the scope (null: all), current ones only. */
export async function listApiInstruments(db: Queryable, scope: readonly string[] | null, onlyId?: string): Promise<ApiInstrument[]> {
  if (scope && scope.length === 0) return [];
  const result = await db.execute<Record<string, unknown>>(sql`
    SELECT i.id, i.name, i.kind, i.site_id, s.name AS site_name, i.enabled, i.paused, i.expected_interval_seconds
    FROM instruments i JOIN sites s ON s.id = i.site_id
    WHERE i.removed_from_config_at IS NULL
      ${scope ? sql`AND i.id IN (${sql.join(scope.map((id) => sql`${id}`), sql`, `)})` : sql``}
      ${onlyId === undefined ? sql`` : sql`AND i.id = ${onlyId}`}
    ORDER BY i.id`);
  return result.rows.map((r) => ({
    id: String(r.id),
    name: String(r.name),
    kind: String(r.kind),
    siteId: String(r.site_id),
    siteName: String(r.site_name),
    enabled: Boolean(r.enabled),
    paused: Boolean(r.paused),
    expectedIntervalSeconds: r.expected_interval_seconds === null ? null : Number(r.expected_interval_seconds),
  }));
}
