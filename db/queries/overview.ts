// Reads for the home page: every instrument with its site, its last data time and its ledger counts.
import { sql } from 'drizzle-orm';
import type { Database } from '../client';

export interface InstrumentOverviewRow {
  id: string;
  name: string;
  kind: string;
  siteId: string;
  siteName: string;
  enabled: boolean;
  paused: boolean;
  expectedIntervalSeconds: number | null;
  lastDataAt: Date | null;
  filesAppended: number;
  filesQuarantined: number;
}

export async function listInstrumentOverview(db: Database): Promise<InstrumentOverviewRow[]> {
  // Latest time per variable is an index-only backward scan of (stream_id, variable_id, time); the max over
  // an instrument's variables is then cheap, with no scan of the time-series tables.
  const result = await db.execute<Record<string, unknown>>(sql`
    SELECT i.id, i.name, i.kind, i.site_id, s.name AS site_name, i.enabled, i.paused, i.expected_interval_seconds,
           GREATEST(
             (SELECT max(greatest(
                 (SELECT max(o.time) FROM observations o WHERE o.stream_id = v.stream_id AND o.variable_id = v.id),
                 (SELECT max(p.time) FROM profiles p WHERE p.stream_id = v.stream_id AND p.variable_id = v.id)))
              FROM streams st JOIN variables v ON v.stream_id = st.id WHERE st.instrument_id = i.id),
             (SELECT max(m.taken_at) FROM media m WHERE m.instrument_id = i.id)
           ) AS last_data_at,
           (SELECT count(*) FROM files f WHERE f.instrument_id = i.id AND f.state = 'appended') AS files_appended,
           (SELECT count(*) FROM files f WHERE f.instrument_id = i.id AND f.state = 'quarantined') AS files_quarantined
    FROM instruments i JOIN sites s ON s.id = i.site_id
    WHERE i.removed_from_config_at IS NULL
    ORDER BY s.name, i.name`);
  return result.rows.map((r) => ({
    id: String(r.id),
    name: String(r.name),
    kind: String(r.kind),
    siteId: String(r.site_id),
    siteName: String(r.site_name),
    enabled: Boolean(r.enabled),
    paused: Boolean(r.paused),
    expectedIntervalSeconds: r.expected_interval_seconds === null ? null : Number(r.expected_interval_seconds),
    lastDataAt: r.last_data_at ? new Date(String(r.last_data_at)) : null,
    filesAppended: Number(r.files_appended),
    filesQuarantined: Number(r.files_quarantined),
  }));
}
