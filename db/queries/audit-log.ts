// The audit log: appended by recordAudit (lib/auth/audit.ts), read by the operators' audit page.
import { and, desc, eq, ilike, lt, type SQL } from 'drizzle-orm';
import { type AuditLogEntry, auditLog, type NewAuditLogEntry } from '../schema';
import type { Queryable } from '../client';

export async function insertAuditEntry(db: Queryable, entry: NewAuditLogEntry): Promise<AuditLogEntry> {
  const [row] = await db.insert(auditLog).values(entry).returning();
  return row!;
}

export interface AuditFilter {
  /** Exact actor (an email, `token:<name>`, `cli:<user>`, `system`). */
  actor?: string;
  /** An action or an action family: `token` matches `token.create`, `token.use`, ... */
  action?: string;
  /** Only entries older than this id (the next page). */
  beforeId?: number;
  limit?: number;
}

export async function listAuditEntries(db: Queryable, filter: AuditFilter = {}): Promise<AuditLogEntry[]> {
  const where: SQL[] = [];
  if (filter.actor) where.push(eq(auditLog.actor, filter.actor));
  if (filter.action) {
    const family = filter.action.replace(/[\\%_]/g, (c) => `\\${c}`);
    where.push(filter.action.includes('.') ? eq(auditLog.action, filter.action) : ilike(auditLog.action, `${family}.%`));
  }
  if (filter.beforeId !== undefined) where.push(lt(auditLog.id, filter.beforeId));
  return db
    .select()
    .from(auditLog)
    .where(and(...where))
    .orderBy(desc(auditLog.id))
    .limit(Math.min(filter.limit ?? 100, 1000));
}
