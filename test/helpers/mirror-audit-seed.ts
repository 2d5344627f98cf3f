// Years of mirror audits written straight into the tables, for the retention tests: each audit with its
// coverage days (two instruments) and, when it found something, its items.
import type { Database } from '../../db/client';
import { mirrorAuditDays, mirrorAuditItems, mirrorAudits, mirrors, type MirrorAuditOutcome } from '../../db/schema';

export const DAY_MS = 86_400_000;
const ROWS_PER_INSERT = 1_000;

export interface SeedAudit {
  mirrorId: string;
  startedAt: Date;
  /** Null: the audit never finished (its worker died). */
  outcome: MirrorAuditOutcome | null;
}

/** Mirrors rows for these ids (audits reference them). */
export async function seedMirrors(db: Database, ids: string[]): Promise<void> {
  await db.insert(mirrors).values(ids.map((id) => ({ id, target: { path: `/mnt/${id}` } })));
}

/** Inserts the audits in the order given (ids grow with it) and returns their ids, in the same order. */
export async function seedAudits(db: Database, audits: SeedAudit[]): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < audits.length; i += ROWS_PER_INSERT) {
    const chunk = audits.slice(i, i + ROWS_PER_INSERT);
    const rows = await db.insert(mirrorAudits).values(chunk.map((a) => {
      const found = a.outcome === 'missing' ? 3 : 0;
      const day = a.startedAt.toISOString().slice(0, 10);
      return {
        mirrorId: a.mirrorId, startedAt: a.startedAt, windowStart: day, windowEnd: day, outcome: a.outcome,
        finishedAt: a.outcome === null ? null : new Date(a.startedAt.getTime() + 60_000),
        error: a.outcome === 'failed' ? 'target not mounted' : null, missingOnTarget: found, sourceCount: 10, targetCount: 10 - found,
      };
    })).returning({ id: mirrorAudits.id });
    const chunkIds = rows.map((r) => r.id);
    ids.push(...chunkIds);
    const days = chunk.flatMap((a, j) => ['cl61', 'asfs'].map((instrument) => ({
      auditId: chunkIds[j]!, instrument, day: a.startedAt.toISOString().slice(0, 10), sourceCount: 5, missingOnTarget: a.outcome === 'missing' ? 1 : 0, differs: 0,
    })));
    await db.insert(mirrorAuditDays).values(days);
    const items = chunk.flatMap((a, j) => (a.outcome !== 'missing' ? [] : [1, 2, 3].map((n) => ({
      auditId: chunkIds[j]!, relativePath: `raw/cl61/f${n}.nc`, basename: `f${n}.nc`, instrument: 'cl61', status: 'missing_on_target' as const, sourceSize: n,
    }))));
    if (items.length > 0) await db.insert(mirrorAuditItems).values(items);
  }
  return ids;
}
