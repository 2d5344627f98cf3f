// The outbox: every email is a row first, written in the transaction of whatever caused it, and sent from
// here later. A message with a dedupe key is stored at most once, however often (or by however many
// workers) it is enqueued.
import { and, desc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { outbox, type OutboxMessage, type OutboxState } from '../schema';

export type Executor = Pick<Database, 'execute' | 'select' | 'insert' | 'update'>;

export interface OutboxDraft {
  kind: string;
  to: string[];
  subject: string;
  text: string;
  html?: string | null;
  dedupeKey?: string | null;
  /** Earliest send time; default now. */
  notBefore?: Date;
}

/** Returns the new row's id, or null when a message with the same dedupe key already exists. */
export async function enqueueOutbox(tx: Executor, draft: OutboxDraft): Promise<number | null> {
  if (draft.to.length === 0) throw new Error(`outbox message '${draft.subject}' has no recipients`);
  const [row] = await tx
    .insert(outbox)
    .values({
      kind: draft.kind, toAddresses: draft.to, subject: draft.subject, textBody: draft.text, htmlBody: draft.html ?? null,
      dedupeKey: draft.dedupeKey ?? null, ...(draft.notBefore ? { nextAttemptAt: draft.notBefore } : {}),
    })
    .onConflictDoNothing({ target: outbox.dedupeKey })
    .returning({ id: outbox.id });
  return row?.id ?? null;
}

/**
 * Claims up to `limit` messages due at `now` for one sender: pending ones whose next attempt has come, and
 * ones stuck in `sending` for longer than `stuckAfterSeconds` (their sender died mid-send; sending again
 * risks a duplicate, which beats losing the message). SKIP LOCKED lets several senders share the queue.
 */
export async function claimDueOutbox(db: Database, now: Date, limit: number, stuckAfterSeconds = 600): Promise<OutboxMessage[]> {
  const stuckBefore = new Date(now.getTime() - stuckAfterSeconds * 1000);
  return db.transaction(async (tx) => {
    const due = await tx.execute<{ id: string }>(sql`
      SELECT id FROM outbox
      WHERE (state = 'pending' AND next_attempt_at <= ${now.toISOString()})
         OR (state = 'sending' AND next_attempt_at <= ${stuckBefore.toISOString()})
      ORDER BY next_attempt_at, id
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED`);
    const ids = due.rows.map((r) => Number(r.id));
    if (ids.length === 0) return [];
    return tx
      .update(outbox)
      .set({ state: 'sending', nextAttemptAt: now })
      .where(inArray(outbox.id, ids))
      .returning();
  });
}

export async function markOutboxSent(db: Executor, id: number, now: Date): Promise<void> {
  await db
    .update(outbox)
    .set({ state: 'sent', sentAt: now, attempts: sql`${outbox.attempts} + 1`, lastError: null })
    .where(and(eq(outbox.id, id), eq(outbox.state, 'sending')));
}

/** Records a failed attempt: back to pending with the next attempt time, or `failed` when giving up. */
export async function markOutboxAttemptFailed(db: Executor, id: number, error: string, retryAt: Date | null): Promise<void> {
  await db
    .update(outbox)
    .set({
      state: retryAt ? 'pending' : 'failed', attempts: sql`${outbox.attempts} + 1`, lastError: error.slice(0, 2000),
      ...(retryAt ? { nextAttemptAt: retryAt } : {}),
    })
    .where(and(eq(outbox.id, id), eq(outbox.state, 'sending')));
}

/** Puts a claimed message back untouched (no attempt was made, e.g. no SMTP server is configured). */
export async function releaseOutboxClaim(db: Executor, id: number, retryAt: Date, reason: string): Promise<void> {
  await db.update(outbox).set({ state: 'pending', nextAttemptAt: retryAt, lastError: reason }).where(and(eq(outbox.id, id), eq(outbox.state, 'sending')));
}

/** Sends a failed message again from the start (the outbox page's retry button). */
export async function retryOutboxMessage(db: Executor, id: number, now: Date = new Date()): Promise<void> {
  await db.update(outbox).set({ state: 'pending', nextAttemptAt: now, attempts: 0 }).where(and(eq(outbox.id, id), eq(outbox.state, 'failed')));
}

export async function listOutbox(db: Executor, options: { state?: OutboxState; limit?: number } = {}): Promise<OutboxMessage[]> {
  const query = db.select().from(outbox);
  const filtered = options.state ? query.where(eq(outbox.state, options.state)) : query;
  return filtered.orderBy(desc(outbox.createdAt), desc(outbox.id)).limit(options.limit ?? 200);
}

export async function countOutboxByState(db: Executor): Promise<Record<OutboxState, number>> {
  const rows = await db.select({ state: outbox.state, n: sql<number>`count(*)::int` }).from(outbox).groupBy(outbox.state);
  const counts: Record<OutboxState, number> = { pending: 0, sending: 0, sent: 0, failed: 0 };
  for (const r of rows) counts[r.state] = Number(r.n);
  return counts;
}

/** Oldest pending message's age basis, for the health monitor (mail that cannot get out is an outage too). */
export async function oldestPendingOutboxAt(db: Executor, now: Date): Promise<Date | null> {
  const [row] = await db
    .select({ at: sql<string | null>`min(${outbox.createdAt})` })
    .from(outbox)
    .where(and(inArray(outbox.state, ['pending', 'sending']), lte(outbox.createdAt, now)));
  return row?.at ? new Date(row.at) : null;
}
