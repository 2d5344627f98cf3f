// Mirror runs, audits and their items, and the report email's outbox row.
import { and, asc, desc, eq, isNotNull, sql } from 'drizzle-orm';
import type { Database } from '../client';
import {
  mirrorAuditDays,
  mirrorAuditItems,
  mirrorAudits,
  mirrorRuns,
  outbox,
  type JobOutcome,
  type MirrorAudit,
  type MirrorAuditItem,
  type MirrorAuditOutcome,
  type NewMirrorAuditItem,
  type NewOutboxMessage,
} from '../schema';

// 9 columns per item: far below PostgreSQL's 65,535 bind parameters per statement.
const ITEMS_PER_INSERT = 5_000;

export async function startMirrorRun(db: Database, mirrorId: string): Promise<number> {
  const [row] = await db.insert(mirrorRuns).values({ mirrorId, outcome: 'running' }).returning({ id: mirrorRuns.id });
  return row!.id;
}

export async function finishMirrorRun(
  db: Database,
  id: number,
  result: { outcome: JobOutcome; filesCopied: number; bytesCopied: number; error?: string | null },
): Promise<void> {
  await db.update(mirrorRuns).set({ ...result, error: result.error ?? null, finishedAt: sql`now()` }).where(eq(mirrorRuns.id, id));
}

export async function startMirrorAudit(db: Database, audit: { mirrorId: string; windowStart: string; windowEnd: string }): Promise<number> {
  const [row] = await db.insert(mirrorAudits).values(audit).returning({ id: mirrorAudits.id });
  return row!.id;
}

export type AuditItemInput = Omit<NewMirrorAuditItem, 'id' | 'auditId'>;

export async function addMirrorAuditItems(db: Database, auditId: number, items: AuditItemInput[]): Promise<void> {
  for (let i = 0; i < items.length; i += ITEMS_PER_INSERT) {
    await db.insert(mirrorAuditItems).values(items.slice(i, i + ITEMS_PER_INSERT).map((item) => ({ ...item, auditId })));
  }
}

/** The coverage grid's cells of an audit (lib/mirrors/coverage.ts). */
export async function addMirrorAuditDays(
  db: Database,
  auditId: number,
  days: { instrument: string; day: string; sourceCount: number; missingOnTarget: number; differs: number }[],
): Promise<void> {
  // 6 columns per row: well below the bind-parameter limit even for years of days × instruments.
  for (let i = 0; i < days.length; i += ITEMS_PER_INSERT) {
    await db.insert(mirrorAuditDays).values(days.slice(i, i + ITEMS_PER_INSERT).map((d) => ({ ...d, auditId })));
  }
}

export interface AuditTotals {
  outcome: MirrorAuditOutcome;
  error: string | null;
  missingOnTarget: number;
  missingOnSource: number;
  differs: number;
  sourceCount: number;
  targetCount: number;
}

export async function finishMirrorAudit(db: Database, id: number, totals: AuditTotals): Promise<void> {
  await db.update(mirrorAudits).set({ ...totals, finishedAt: sql`now()` }).where(eq(mirrorAudits.id, id));
}

export interface AuditWithItems {
  audit: MirrorAudit;
  items: MirrorAuditItem[];
}

/** An audit and every item, in report order (status, then path). */
export async function getMirrorAudit(db: Database, id: number): Promise<AuditWithItems | null> {
  const [audit] = await db.select().from(mirrorAudits).where(eq(mirrorAudits.id, id));
  if (!audit) return null;
  const items = await db.select().from(mirrorAuditItems).where(eq(mirrorAuditItems.auditId, id))
    .orderBy(asc(mirrorAuditItems.status), asc(mirrorAuditItems.relativePath));
  return { audit, items };
}

/** The newest finished audit of a mirror (for pages and reports that show the last known state). */
export async function latestMirrorAudit(db: Database, mirrorId: string): Promise<MirrorAudit | null> {
  const [audit] = await db.select().from(mirrorAudits)
    .where(and(eq(mirrorAudits.mirrorId, mirrorId), isNotNull(mirrorAudits.finishedAt)))
    .orderBy(desc(mirrorAudits.startedAt)).limit(1);
  return audit ?? null;
}

/** Queues an email for the outbox sender; a second one with the same dedupeKey is dropped. True if queued. */
export async function queueEmail(db: Database, message: NewOutboxMessage): Promise<boolean> {
  const rows = await db.insert(outbox).values(message).onConflictDoNothing({ target: outbox.dedupeKey }).returning({ id: outbox.id });
  return rows.length > 0;
}
