// The quicklooks catalogue: one row per instrument, day and kind (a recipe plot, `<plot>-24h` for the rolling
// last-24-hours image, `timelapse` for a webcam's day video). Rows point at files relative to the data dir.
import { and, asc, desc, eq, gte, lte, ne, sql } from 'drizzle-orm';
import type { Database, Queryable } from '../client';
import { instruments, type Quicklook, quicklooks } from '../schema';

export async function upsertQuicklook(
  db: Queryable,
  row: { instrumentId: string; day: string; kind: string; path: string; thumbnailPath?: string | null; dataMaxTime: Date | null; generatedAt?: Date },
): Promise<void> {
  const generatedAt = row.generatedAt ?? new Date();
  // A row re-drawn without a thumbnail must not keep pointing at an older one.
  const thumbnailPath = row.thumbnailPath ?? null;
  await db.insert(quicklooks).values({ ...row, thumbnailPath, generatedAt, stale: false }).onConflictDoUpdate({
    target: [quicklooks.instrumentId, quicklooks.day, quicklooks.kind],
    set: { path: row.path, thumbnailPath, generatedAt, dataMaxTime: row.dataMaxTime, stale: false },
  });
}

/** The rolling image has one row per instrument and plot: drop the ones left from earlier days. */
export async function deleteOlderRolling(db: Queryable, instrumentId: string, kind: string, keepDay: string): Promise<void> {
  await db.delete(quicklooks).where(and(eq(quicklooks.instrumentId, instrumentId), eq(quicklooks.kind, kind), ne(quicklooks.day, keepDay)));
}

/**
 * New data landed for these days: their images are out of date. Returns the stale rows' days and kinds so that
 * the caller can queue re-renders. Called inside the append transaction.
 */
export async function markQuicklooksStale(db: Queryable, instrumentId: string, fromDay: string, toDay: string): Promise<{ day: string; kind: string }[]> {
  return db.update(quicklooks).set({ stale: true })
    .where(and(eq(quicklooks.instrumentId, instrumentId), gte(quicklooks.day, fromDay), lte(quicklooks.day, toDay), sql`${quicklooks.kind} NOT LIKE '%-24h'`))
    .returning({ day: quicklooks.day, kind: quicklooks.kind });
}

export async function listStaleDays(db: Database, instrumentId: string, kind?: 'timelapse'): Promise<string[]> {
  const rows = await db.selectDistinct({ day: quicklooks.day }).from(quicklooks)
    .where(and(eq(quicklooks.instrumentId, instrumentId), eq(quicklooks.stale, true),
      kind ? eq(quicklooks.kind, kind) : sql`${quicklooks.kind} <> 'timelapse'`))
    .orderBy(asc(quicklooks.day));
  return rows.map((r) => r.day);
}

export async function getQuicklook(db: Database, instrumentId: string, day: string, kind: string): Promise<Quicklook | null> {
  const [row] = await db.select().from(quicklooks)
    .where(and(eq(quicklooks.instrumentId, instrumentId), eq(quicklooks.day, day), eq(quicklooks.kind, kind)));
  return row ?? null;
}

/** A day's images (not the timelapse), plots first then rolling ones, by name. */
export async function listQuicklooksForDay(db: Database, instrumentId: string, day: string): Promise<Quicklook[]> {
  return db.select().from(quicklooks)
    .where(and(eq(quicklooks.instrumentId, instrumentId), eq(quicklooks.day, day), ne(quicklooks.kind, 'timelapse')))
    .orderBy(sql`${quicklooks.kind} LIKE '%-24h'`, asc(quicklooks.kind));
}

/** Days that have images (newest first), for the day picker. */
export async function listQuicklookDays(db: Database, instrumentId: string, options: { timelapse?: boolean; limit?: number } = {}): Promise<string[]> {
  const rows = await db.selectDistinct({ day: quicklooks.day }).from(quicklooks)
    .where(and(eq(quicklooks.instrumentId, instrumentId),
      options.timelapse ? eq(quicklooks.kind, 'timelapse') : and(ne(quicklooks.kind, 'timelapse'), sql`${quicklooks.kind} NOT LIKE '%-24h'`)))
    .orderBy(desc(quicklooks.day)).limit(options.limit ?? 60);
  return rows.map((r) => r.day);
}

/** Whether `relativePath` is a timelapse the catalogue knows (the media route serves only catalogued files). */
export async function isCataloguedTimelapse(db: Database, relativePath: string): Promise<boolean> {
  const [row] = await db.select({ id: quicklooks.id }).from(quicklooks)
    .where(and(eq(quicklooks.kind, 'timelapse'), eq(quicklooks.path, relativePath))).limit(1);
  return row !== undefined;
}


/** The instrument's kind and whether it is live (no files): what the quicklooks job needs to pick a recipe. */
export async function getInstrumentForQuicklooks(db: Database, instrumentId: string): Promise<{ id: string; kind: string; name: string } | null> {
  const [row] = await db.select({ id: instruments.id, kind: instruments.kind, name: instruments.name }).from(instruments).where(eq(instruments.id, instrumentId));
  return row ?? null;
}

/**
 * Days (UTC, newest first, within `sinceDay`) where the ledger has appended data but no quicklook row of any
 * plot exists yet: a first render after a backfill, or after files arrived for a day the schedule had passed.
 */
export async function listUnrenderedDataDays(db: Database, instrumentId: string, sinceDay: string): Promise<string[]> {
  const result = await db.execute<{ day: string }>(sql`
    SELECT DISTINCT to_char(d, 'YYYY-MM-DD') AS day
    FROM files f, generate_series(date_trunc('day', f.data_start AT TIME ZONE 'UTC'), date_trunc('day', f.data_end AT TIME ZONE 'UTC'), interval '1 day') d
    WHERE f.instrument_id = ${instrumentId} AND f.state = 'appended' AND f.data_start IS NOT NULL AND f.data_end IS NOT NULL
      AND f.data_end >= ${sinceDay}::date AND d >= ${sinceDay}::date
      AND NOT EXISTS (SELECT 1 FROM quicklooks q WHERE q.instrument_id = f.instrument_id AND q.day = d::date AND q.kind NOT LIKE '%-24h' AND q.kind <> 'timelapse')
    ORDER BY 1 DESC`);
  return result.rows.map((r) => r.day);
}
