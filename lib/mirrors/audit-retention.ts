// Retention of mirror audits. A verify every few minutes stores hundreds of audits a day, each with its
// coverage days and found files; nobody reads most of them again. Per mirror hop this keeps every audit of
// the recent window; the newest finished audit of each UTC day for a longer one (a long history of missing
// counts, a point a day); and however old, what /ops/mirrors shows (the newest finished audit with its
// coverage grid and files, the newest few in its chart), the newest failed audit and the newest that found
// files missing or differing. The rest go, with their detail rows, in small transactions so a year of
// backlog never holds locks for long.
import type { Database } from '../../db/client';
import { deleteOldMirrorAudits, listRetainedOldAuditIds, type DeletedAudits } from '../../db/queries/mirror-audit-retention';
import type { MirrorAuditRetention } from '../config/schema';
import { AUDIT_HISTORY_LENGTH } from './audit-history';

const DAY_MS = 86_400_000;
/**
 * Audits per transaction. Measured on a 100k-audit backlog with 30 detail rows per audit: ~45 ms a batch
 * (0.2 s at worst), the whole backlog in ~20 s; 1,000 a batch saves little and holds locks 3 times longer.
 */
export const DEFAULT_PRUNE_BATCH = 250;

export interface RetentionCutoffs {
  /** Every audit that started at or after this is kept. */
  keepAllFrom: Date;
  /** The newest finished audit of each UTC day from this midnight on is kept. */
  dailyFrom: Date;
}

export function retentionCutoffs(policy: Pick<MirrorAuditRetention, 'keepAllDays' | 'keepDailyDays'>, now: Date): RetentionCutoffs {
  const oldestDay = new Date(now.getTime() - policy.keepDailyDays * DAY_MS);
  return {
    keepAllFrom: new Date(now.getTime() - policy.keepAllDays * DAY_MS),
    dailyFrom: new Date(Date.UTC(oldestDay.getUTCFullYear(), oldestDay.getUTCMonth(), oldestDay.getUTCDate())),
  };
}

export interface PruneOptions {
  db: Database;
  policy: Pick<MirrorAuditRetention, 'keepAllDays' | 'keepDailyDays'>;
  now?: Date;
  batchSize?: number;
  /** Checked between batches: a worker shutting down stops after the batch in progress. */
  signal?: AbortSignal;
}

export interface PruneResult extends DeletedAudits {
  /** Audits older than the recent window that were kept (a day's newest, the newest few, failed, findings). */
  keptOld: number;
  batches: number;
  /** Stopped by the signal before the backlog was gone; the next run carries on. */
  stopped: boolean;
}

export async function pruneMirrorAudits(options: PruneOptions): Promise<PruneResult> {
  const { db } = options;
  const batchSize = options.batchSize ?? DEFAULT_PRUNE_BATCH;
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  const cutoffs = retentionCutoffs(options.policy, options.now ?? new Date());
  // Computed once: audits written while this runs are newer than keepAllFrom, so the set cannot go stale
  // in a way that would delete something a newer audit made worth keeping.
  const keep = await listRetainedOldAuditIds(db, { ...cutoffs, keepNewest: AUDIT_HISTORY_LENGTH });
  const result: PruneResult = { audits: 0, items: 0, days: 0, keptOld: keep.length, batches: 0, stopped: false };
  for (;;) {
    if (options.signal?.aborted) {
      result.stopped = true;
      break;
    }
    const deleted = await deleteOldMirrorAudits(db, { before: cutoffs.keepAllFrom, keep, limit: batchSize });
    if (deleted.audits === 0) break;
    result.batches += 1;
    result.audits += deleted.audits;
    result.items += deleted.items;
    result.days += deleted.days;
  }
  return result;
}
