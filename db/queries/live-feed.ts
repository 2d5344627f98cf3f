// Writes of the live poller: its stream versions, its records (journal + observations, one transaction,
// fenced by the poller's lease, NOTIFY on commit), its gaps and its state.
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { liveFeeds, type LiveFeedState, streams, variables } from '../schema';
import { assertLeaseHeld, type LeaseGrant } from './leases';

export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

export interface FeedCursorRow {
  streamId: number;
  signature: string;
  recordNo: number;
  timeMs: number;
}

export async function loadFeedCursor(db: Database, instrumentId: string): Promise<FeedCursorRow | null> {
  const [row] = await db.select().from(liveFeeds).where(eq(liveFeeds.instrumentId, instrumentId));
  if (!row || row.streamId === null || row.lastRecordNo === null || row.lastRecordTime === null) return null;
  return { streamId: row.streamId, signature: row.signature ?? '', recordNo: row.lastRecordNo, timeMs: row.lastRecordTime.getTime() };
}

export interface StreamField {
  name: string;
  units: string | null;
  process: string | null;
}

/**
 * The stream for a logger table with this signature: its newest version while the signature matches, else
 * a new version with its own variables, so two programs' variables never mix in one stream.
 */
export async function ensureSignedStream(db: Database, instrumentId: string, name: string, signature: string, fields: StreamField[])
  : Promise<{ streamId: number; version: number; variableIds: number[] }> {
  return db.transaction(async (tx) => {
    // Serialises stream creation for this instrument's table (a second poller would wait, then reuse it).
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`stream:${instrumentId}:${name}`}))`);
    const [latest] = await tx.select().from(streams)
      .where(and(eq(streams.instrumentId, instrumentId), eq(streams.name, name))).orderBy(desc(streams.version)).limit(1);
    let stream = latest;
    if (!latest || latest.signature !== signature) {
      [stream] = await tx.insert(streams).values({ instrumentId, name, version: (latest?.version ?? 0) + 1, signature }).returning();
    }
    const streamId = stream!.id;
    if (fields.length > 0) {
      await tx.insert(variables)
        .values(fields.map((f) => ({ streamId, name: f.name, unit: f.units, processing: f.process })))
        .onConflictDoNothing();
    }
    const rows = await tx.select({ id: variables.id, name: variables.name }).from(variables).where(eq(variables.streamId, streamId));
    const idByName = new Map(rows.map((r) => [r.name, r.id]));
    return { streamId, version: stream!.version, variableIds: fields.map((f) => idByName.get(f.name)!) };
  });
}

export interface RecordRow {
  no: number;
  timeMs: number;
  values: (number | null)[];
}

export interface RecordWrite {
  instrumentId: string;
  streamId: number;
  signature: string;
  fieldNames: string[];
  variableIds: number[];
  records: RecordRow[];
  corrections: number;
  /** Adds `recovered` to the gap's count; `closes`: settle it (filled or not) in this transaction. */
  gap?: { id: number; recovered: number; closes: boolean };
  lease: LeaseGrant;
}

/**
 * Inserts the records that are new (journal and observations), moves the feed's cursor and queues the
 * NOTIFY; `beforeCommit` sees exactly the new records (the raw CSV is written there, so a failed append
 * rolls the database back too). Returns the new records and the newest journal id.
 */
export async function writeFeedRecords(db: Database, write: RecordWrite, beforeCommit: (inserted: RecordRow[]) => Promise<void>)
  : Promise<{ inserted: RecordRow[]; lastId: number | null }> {
  const last = write.records.at(-1);
  if (!last) return { inserted: [], lastId: null };
  return db.transaction(async (tx) => {
    await assertLeaseHeld(tx, write.lease);
    const journal = write.records.map((r) => ({
      no: r.no, t: new Date(r.timeMs).toISOString(), v: Object.fromEntries(write.fieldNames.map((name, i) => [name, r.values[i] ?? null])),
    }));
    const result = await tx.execute<{ id: string; record_no: string }>(sql`
      INSERT INTO live_records (instrument_id, stream_id, record_no, time, values)
      SELECT ${write.instrumentId}, ${write.streamId}, r.no, r.t, r.v
      FROM jsonb_to_recordset(${JSON.stringify(journal)}::jsonb) AS r(no bigint, t timestamptz, v jsonb)
      ORDER BY r.no
      ON CONFLICT (stream_id, time) DO NOTHING
      RETURNING id, record_no`);
    const insertedNos = new Set(result.rows.map((r) => Number(r.record_no)));
    const inserted = write.records.filter((r) => insertedNos.has(r.no));
    const lastId = result.rows.reduce<number | null>((max, r) => Math.max(max ?? 0, Number(r.id)), null);
    await insertObservations(tx, write, inserted);
    await tx.insert(liveFeeds).values({
      instrumentId: write.instrumentId, streamId: write.streamId, signature: write.signature, lastRecordNo: last.no,
      lastRecordTime: new Date(last.timeMs), lastReceivedAt: new Date(), recordsReceived: inserted.length,
      timestampCorrections: write.corrections, state: 'receiving', consecutiveFailures: 0, holder: write.lease.holder,
    }).onConflictDoUpdate({
      target: liveFeeds.instrumentId,
      set: {
        streamId: write.streamId, signature: write.signature, lastRecordNo: last.no, lastRecordTime: new Date(last.timeMs),
        lastReceivedAt: sql`now()`, recordsReceived: sql`${liveFeeds.recordsReceived} + ${inserted.length}`,
        timestampCorrections: sql`${liveFeeds.timestampCorrections} + ${write.corrections}`, state: 'receiving',
        consecutiveFailures: 0, holder: write.lease.holder, updatedAt: sql`now()`,
      },
    });
    if (write.gap) {
      await tx.execute(sql`UPDATE live_gaps SET recovered_records = recovered_records + ${write.gap.recovered} WHERE id = ${write.gap.id}`);
      if (write.gap.closes) await settleFeedGap(tx, write.gap.id);
    }
    await beforeCommit(inserted);
    if (lastId !== null) await notify(tx, { i: write.instrumentId, k: 'records', id: lastId });
    return { inserted, lastId };
  });
}

async function insertObservations(tx: Transaction, write: RecordWrite, records: RecordRow[]): Promise<void> {
  // Narrow rows, in chunks: one JSON parameter per statement keeps even an hours-long backfill page cheap.
  const CHUNK = 500;
  for (let start = 0; start < records.length; start += CHUNK) {
    const rows = records.slice(start, start + CHUNK).flatMap((r) => {
      const t = new Date(r.timeMs).toISOString();
      return write.variableIds.map((variableId, i) => ({ t, id: variableId, v: r.values[i] ?? null }));
    });
    await tx.execute(sql`
      INSERT INTO observations (time, stream_id, variable_id, value)
      SELECT r.t, ${write.streamId}, r.id, r.v FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(t timestamptz, id integer, v float8)
      ON CONFLICT (stream_id, variable_id, time) DO NOTHING`);
  }
}

async function notify(tx: Pick<Database, 'execute'>, payload: Record<string, unknown>): Promise<void> {
  await tx.execute(sql`SELECT pg_notify('fieldops_live', ${JSON.stringify(payload)})`);
}

export interface GapRow {
  fromRecord: number | null;
  toRecord: number | null;
  fromTimeMs: number;
  toTimeMs: number;
  missing: number;
}

/** Opens a gap, or extends the one an interrupted backfill left open right where this one starts. */
export async function openFeedGap(db: Database, instrumentId: string, streamId: number, gap: GapRow): Promise<number> {
  const fromTime = new Date(gap.fromTimeMs).toISOString();
  const toTime = new Date(gap.toTimeMs).toISOString();
  if (gap.fromRecord !== null && gap.toRecord !== null) {
    const extended = await db.execute<{ id: string }>(sql`
      UPDATE live_gaps SET to_record = ${gap.toRecord}, to_time = ${toTime}, missing_records = ${gap.toRecord} - from_record + 1
      WHERE instrument_id = ${instrumentId} AND stream_id = ${streamId} AND NOT filled AND from_record IS NOT NULL
        AND from_record <= ${gap.fromRecord} AND to_record >= ${gap.fromRecord} - 1 AND to_record <= ${gap.toRecord}
        AND recovered_records = ${gap.fromRecord} - from_record
      RETURNING id`);
    if (extended.rows[0]) return Number(extended.rows[0].id);
  }
  const created = await db.execute<{ id: string }>(sql`
    INSERT INTO live_gaps (instrument_id, stream_id, from_record, to_record, from_time, to_time, missing_records)
    VALUES (${instrumentId}, ${streamId}, ${gap.fromRecord}, ${gap.toRecord}, ${fromTime}, ${toTime}, ${gap.missing})
    RETURNING id`);
  await notify(db, { i: instrumentId, k: 'gap' });
  return Number(created.rows[0]!.id);
}

export async function settleFeedGap(db: Pick<Database, 'execute'>, id: number): Promise<{ filled: boolean }> {
  const result = await db.execute<{ filled: boolean; instrument_id: string }>(sql`
    UPDATE live_gaps SET filled = recovered_records >= missing_records,
      filled_at = CASE WHEN recovered_records >= missing_records THEN now() END
    WHERE id = ${id} RETURNING filled, instrument_id`);
  const row = result.rows[0];
  if (row) await notify(db, { i: row.instrument_id, k: 'gap' });
  return { filled: Boolean(row?.filled) };
}

export async function reportFeedState(db: Database, instrumentId: string, state: LiveFeedState,
  detail: { error?: string; consecutiveFailures?: number; holder?: string } = {}): Promise<void> {
  const error = detail.error === undefined ? {} : { lastError: detail.error, lastErrorAt: new Date() };
  const values = { state, consecutiveFailures: detail.consecutiveFailures ?? 0, ...error, ...(detail.holder ? { holder: detail.holder } : {}) };
  await db.insert(liveFeeds).values({ instrumentId, ...values })
    .onConflictDoUpdate({ target: liveFeeds.instrumentId, set: { ...values, updatedAt: sql`now()` } });
  await notify(db, { i: instrumentId, k: 'state' });
}

/** The journal only has to cover reconnects and the live page's preload; observations keep everything. */
export async function pruneLiveRecords(db: Database, instrumentId: string, olderThan: Date): Promise<number> {
  const result = await db.execute(sql`DELETE FROM live_records WHERE instrument_id = ${instrumentId} AND time < ${olderThan.toISOString()}`);
  return result.rowCount ?? 0;
}
