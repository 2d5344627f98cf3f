// Pruning old mirror audits (lib/mirrors/audit-retention.ts): which old audits must stay, and deleting the
// others with their detail rows, one bounded batch per transaction.
import { sql } from 'drizzle-orm';
import type { Database } from '../client';

export interface RetainedAuditQuery {
  /** Audits that started at or after this are all kept; the caller never deletes them, so none is listed. */
  keepAllFrom: Date;
  /** The newest finished audit of each UTC day from this midnight on is kept. */
  dailyFrom: Date;
  /** This many of each mirror's newest finished audits are kept, however old (1: only the newest). */
  keepNewest: number;
}

/**
 * Ids of audits older than the all-audits window that must stay, per mirror: the newest finished audit of
 * each UTC day of the daily window; the `keepNewest` newest finished ones (the pages show the newest with
 * its coverage grid and files, and a chart of the newest few); the newest failed one and the newest that
 * found files missing or differing. Days are ranked whole: the day that straddles `keepAllFrom` keeps its
 * newest audit, which lies inside the window.
 */
export async function listRetainedOldAuditIds(db: Database, query: RetainedAuditQuery): Promise<number[]> {
  // Ranking stops at the end of the straddling day: later days lie wholly inside the window.
  const from = query.keepAllFrom;
  const rankUntil = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate() + 1));
  const result = await db.execute<{ id: number }>(sql`
    SELECT id FROM (
      SELECT id, started_at, row_number() OVER (
        PARTITION BY mirror_id, (started_at AT TIME ZONE 'UTC')::date ORDER BY started_at DESC, id DESC) AS newest_of_day
      FROM mirror_audits
      WHERE finished_at IS NOT NULL AND started_at >= ${query.dailyFrom} AND started_at < ${rankUntil}
    ) ranked
    WHERE newest_of_day = 1 AND started_at < ${from}
    UNION
    SELECT id FROM (
      SELECT id, started_at, row_number() OVER (PARTITION BY mirror_id ORDER BY started_at DESC, id DESC) AS newness
      FROM mirror_audits WHERE finished_at IS NOT NULL
    ) newest WHERE newness <= ${query.keepNewest} AND started_at < ${from}
    UNION
    SELECT id FROM (
      SELECT DISTINCT ON (mirror_id, outcome) id, started_at FROM mirror_audits
      WHERE finished_at IS NOT NULL AND outcome IN ('failed', 'missing') ORDER BY mirror_id, outcome, started_at DESC, id DESC
    ) newest_finding WHERE started_at < ${from}
    ORDER BY id`);
  return result.rows.map((r) => Number(r.id));
}

export interface DeletedAudits {
  audits: number;
  items: number;
  days: number;
}

/**
 * Deletes up to `limit` audits that started before `before` and are not in `keep`, oldest id first, with
 * their items and coverage days, in one transaction. The children go first in one statement each: the
 * foreign keys would cascade too, but one row at a time, and the counts are wanted for the job run.
 */
export async function deleteOldMirrorAudits(db: Database, options: { before: Date; keep: number[]; limit: number }): Promise<DeletedAudits> {
  return db.transaction(async (tx) => {
    const doomed = await tx.execute<{ id: number }>(sql`
      SELECT id FROM mirror_audits
      WHERE started_at < ${options.before} AND id <> ALL(${sql.param(options.keep)}::int[])
      ORDER BY id LIMIT ${options.limit} FOR UPDATE`);
    const ids = doomed.rows.map((r) => Number(r.id));
    if (ids.length === 0) return { audits: 0, items: 0, days: 0 };
    const idArray = sql`${sql.param(ids)}::int[]`;
    const items = await tx.execute(sql`DELETE FROM mirror_audit_items WHERE audit_id = ANY(${idArray})`);
    const days = await tx.execute(sql`DELETE FROM mirror_audit_days WHERE audit_id = ANY(${idArray})`);
    const audits = await tx.execute(sql`DELETE FROM mirror_audits WHERE id = ANY(${idArray})`);
    return { audits: audits.rowCount ?? 0, items: items.rowCount ?? 0, days: days.rowCount ?? 0 };
  });
}
