// Reads for the mirror pages (/ops/mirrors): each hop's newest audit and run, an audit's items page by page,
// its coverage grid, and the history of missing counts.
import 'server-only';
import { and, asc, count, desc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import { AUDIT_HISTORY_LENGTH } from '../../lib/mirrors/audit-history';
import type { Database } from '../client';
import {
  mirrorAuditDays,
  mirrorAuditItems,
  mirrorAudits,
  mirrorRuns,
  mirrors,
  type Mirror,
  type MirrorAudit,
  type MirrorAuditItem,
  type MirrorAuditItemStatus,
  type MirrorRun,
} from '../schema';

export interface MirrorOverview {
  mirror: Mirror;
  latestAudit: MirrorAudit | null;
  latestRun: MirrorRun | null;
}

/** Every mirror still in the config, upstream hops first (then by id), with its newest finished audit and newest run. */
export async function listMirrorOverviews(db: Database): Promise<MirrorOverview[]> {
  const rows = upstreamFirst(await db.select().from(mirrors).where(isNull(mirrors.removedFromConfigAt)).orderBy(asc(mirrors.id)));
  if (rows.length === 0) return [];
  const ids = rows.map((m) => m.id);
  const audits = await db.selectDistinctOn([mirrorAudits.mirrorId]).from(mirrorAudits)
    .where(and(inArray(mirrorAudits.mirrorId, ids), isNotNull(mirrorAudits.finishedAt)))
    .orderBy(mirrorAudits.mirrorId, desc(mirrorAudits.startedAt), desc(mirrorAudits.id));
  const runs = await db.selectDistinctOn([mirrorRuns.mirrorId]).from(mirrorRuns)
    .where(inArray(mirrorRuns.mirrorId, ids))
    .orderBy(mirrorRuns.mirrorId, desc(mirrorRuns.startedAt), desc(mirrorRuns.id));
  return rows.map((mirror) => ({
    mirror,
    latestAudit: audits.find((a) => a.mirrorId === mirror.id) ?? null,
    latestRun: runs.find((r) => r.mirrorId === mirror.id) ?? null,
  }));
}

/** A chain store → gws → tape reads in that order; the bound stops a loop the config check would refuse anyway. */
function upstreamFirst(rows: Mirror[]): Mirror[] {
  const byId = new Map(rows.map((m) => [m.id, m]));
  const depth = (m: Mirror) => {
    let d = 0;
    for (let at = m.sourceId; at && d <= rows.length; at = byId.get(at)?.sourceId ?? null) d += 1;
    return d;
  };
  return rows.map((m) => ({ m, d: depth(m) })).sort((a, b) => a.d - b.d).map(({ m }) => m);
}

export async function getMirrorById(db: Database, id: string): Promise<Mirror | null> {
  const [row] = await db.select().from(mirrors).where(eq(mirrors.id, id));
  return row ?? null;
}

export async function getMirrorAuditRow(db: Database, auditId: number): Promise<MirrorAudit | null> {
  const [row] = await db.select().from(mirrorAudits).where(eq(mirrorAudits.id, auditId));
  return row ?? null;
}

export interface AuditItemPage {
  items: MirrorAuditItem[];
  total: number;
}

/** One page of an audit's items in report order (status, then path); `status` narrows to one kind. */
export async function listMirrorAuditItems(
  db: Database,
  auditId: number,
  options: { status?: MirrorAuditItemStatus; limit: number; offset?: number },
): Promise<AuditItemPage> {
  const where = options.status ? and(eq(mirrorAuditItems.auditId, auditId), eq(mirrorAuditItems.status, options.status)) : eq(mirrorAuditItems.auditId, auditId);
  const items = await db.select().from(mirrorAuditItems).where(where)
    .orderBy(asc(mirrorAuditItems.status), asc(mirrorAuditItems.relativePath), asc(mirrorAuditItems.id))
    .limit(options.limit).offset(options.offset ?? 0);
  const [total] = await db.select({ n: count() }).from(mirrorAuditItems).where(where);
  return { items, total: total?.n ?? 0 };
}

/** Every item of an audit, in pages of `batch`, for the CSV download (never the whole list in memory). */
export async function* streamMirrorAuditItems(db: Database, auditId: number, batch = 5_000): AsyncGenerator<MirrorAuditItem[]> {
  let afterId = 0;
  for (;;) {
    const rows = await db.select().from(mirrorAuditItems)
      .where(and(eq(mirrorAuditItems.auditId, auditId), sql`${mirrorAuditItems.id} > ${afterId}`))
      .orderBy(asc(mirrorAuditItems.id)).limit(batch);
    if (rows.length === 0) return;
    yield rows;
    afterId = rows.at(-1)!.id;
  }
}

export interface CoverageCell {
  instrument: string;
  day: string;
  expected: number;
  present: number;
}

/** The audit's grid: per instrument and day, files on the source (expected) and those the target holds alike (present). */
export async function getAuditCoverage(db: Database, auditId: number): Promise<CoverageCell[]> {
  return db.select({
    instrument: mirrorAuditDays.instrument,
    day: mirrorAuditDays.day,
    expected: mirrorAuditDays.sourceCount,
    present: sql<number>`(${mirrorAuditDays.sourceCount} - ${mirrorAuditDays.missingOnTarget} - ${mirrorAuditDays.differs})::int`,
  }).from(mirrorAuditDays).where(eq(mirrorAuditDays.auditId, auditId))
    .orderBy(asc(mirrorAuditDays.instrument), asc(mirrorAuditDays.day));
}

export interface AuditHistoryPoint {
  auditId: number;
  startedAt: Date;
  outcome: MirrorAudit['outcome'];
  missingOnTarget: number;
  missingOnSource: number;
  differs: number;
}

/** The last `limit` finished audits of a mirror, oldest first (for the history chart). */
export async function listMirrorAuditHistory(db: Database, mirrorId: string, limit = AUDIT_HISTORY_LENGTH): Promise<AuditHistoryPoint[]> {
  const rows = await db.select({
    auditId: mirrorAudits.id,
    startedAt: mirrorAudits.startedAt,
    outcome: mirrorAudits.outcome,
    missingOnTarget: mirrorAudits.missingOnTarget,
    missingOnSource: mirrorAudits.missingOnSource,
    differs: mirrorAudits.differs,
  }).from(mirrorAudits)
    .where(and(eq(mirrorAudits.mirrorId, mirrorId), isNotNull(mirrorAudits.finishedAt)))
    .orderBy(desc(mirrorAudits.startedAt), desc(mirrorAudits.id)).limit(limit);
  return rows.reverse();
}
