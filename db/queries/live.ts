// Reads of the live feature: the live page, its SSE route, the `fieldops gaps` command and the worker's
// poller bookkeeping.
import { and, asc, eq, gt, gte, isNull, lt, sql } from 'drizzle-orm';
import type { FeedHealthDto, LiveRecordDto, LiveVariableDto } from '../../lib/live/feed-types';
import type { Database } from '../client';
import { instruments, liveFeeds, liveGaps, liveRecords, sites, streams, variables } from '../schema';
import { LIVE_KIND } from '../../lib/config/kinds';


export async function isInstrumentPollable(db: Database, instrumentId: string): Promise<boolean> {
  const [row] = await db.select({ id: instruments.id }).from(instruments).where(and(eq(instruments.id, instrumentId),
    eq(instruments.enabled, true), eq(instruments.paused, false), isNull(instruments.removedFromConfigAt)));
  return row !== undefined;
}

/** Live instruments that should have a poller running now. */
export async function listPollableLiveInstruments(db: Database): Promise<string[]> {
  const rows = await db.select({ id: instruments.id }).from(instruments).where(and(eq(instruments.kind, LIVE_KIND),
    eq(instruments.enabled, true), eq(instruments.paused, false), isNull(instruments.removedFromConfigAt)));
  return rows.map((r) => r.id).sort();
}

export interface LiveInstrument {
  id: string;
  name: string;
  siteName: string;
  expectedIntervalSeconds: number;
}

export async function getLiveInstrument(db: Database, instrumentId: string): Promise<LiveInstrument | null> {
  const [row] = await db.select({ id: instruments.id, name: instruments.name, siteName: sites.name, interval: instruments.expectedIntervalSeconds })
    .from(instruments).innerJoin(sites, eq(sites.id, instruments.siteId))
    .where(and(eq(instruments.id, instrumentId), eq(instruments.kind, LIVE_KIND)));
  return row ? { id: row.id, name: row.name, siteName: row.siteName, expectedIntervalSeconds: row.interval ?? 1 } : null;
}

function toDto(row: { id: number; time: Date; recordNo: number; values: Record<string, number | null> }): LiveRecordDto {
  return { id: row.id, t: row.time.getTime(), no: row.recordNo, v: row.values };
}

const journalColumns = { id: liveRecords.id, time: liveRecords.time, recordNo: liveRecords.recordNo, values: liveRecords.values };

/** Journal rows after an SSE event id, in arrival order. */
export async function listLiveRecordsAfter(db: Database, instrumentId: string, afterId: number, limit: number): Promise<LiveRecordDto[]> {
  const rows = await db.select(journalColumns).from(liveRecords)
    .where(and(eq(liveRecords.instrumentId, instrumentId), gt(liveRecords.id, afterId))).orderBy(asc(liveRecords.id)).limit(limit);
  return rows.map(toDto);
}

/** Journal rows with a record time from `sinceMs` on, in time order (the page's preload). */
export async function listLiveRecordsSince(db: Database, instrumentId: string, sinceMs: number, limit: number): Promise<LiveRecordDto[]> {
  const rows = await db.select(journalColumns).from(liveRecords)
    .where(and(eq(liveRecords.instrumentId, instrumentId), gte(liveRecords.time, new Date(sinceMs))))
    .orderBy(asc(liveRecords.time)).limit(limit);
  return rows.map(toDto);
}

export async function latestLiveRecordId(db: Database, instrumentId: string): Promise<number> {
  const [row] = await db.select({ id: sql<string | null>`max(${liveRecords.id})` }).from(liveRecords).where(eq(liveRecords.instrumentId, instrumentId));
  return Number(row?.id ?? 0);
}

/** The variables of the feed's current stream (the newest version). */
export async function listLiveVariables(db: Database, instrumentId: string): Promise<LiveVariableDto[]> {
  const [stream] = await db.select({ id: streams.id }).from(liveFeeds).innerJoin(streams, eq(streams.id, liveFeeds.streamId))
    .where(eq(liveFeeds.instrumentId, instrumentId));
  if (!stream) return [];
  return db.select({ name: variables.name, unit: variables.unit }).from(variables).where(eq(variables.streamId, stream.id)).orderBy(asc(variables.id));
}

export async function getFeedHealth(db: Database, instrumentId: string, sinceMs: number): Promise<FeedHealthDto> {
  const [feed] = await db.select().from(liveFeeds).where(eq(liveFeeds.instrumentId, instrumentId));
  const [gaps] = await db.select({ total: sql<string>`count(*)`, unfilled: sql<string>`count(*) FILTER (WHERE NOT ${liveGaps.filled})` })
    .from(liveGaps).where(and(eq(liveGaps.instrumentId, instrumentId), gte(liveGaps.fromTime, new Date(sinceMs))));
  return {
    state: feed?.state ?? null,
    lastError: feed?.lastError ?? null,
    lastErrorAt: feed?.lastErrorAt?.getTime() ?? null,
    consecutiveFailures: feed?.consecutiveFailures ?? 0,
    timestampCorrections: feed?.timestampCorrections ?? 0,
    gapsToday: Number(gaps?.total ?? 0),
    unfilledGapsToday: Number(gaps?.unfilled ?? 0),
  };
}

/** Largest value of a variable (by name, over every stream version of the instrument) since a time. */
export async function maxLiveValueSince(db: Database, instrumentId: string, variableName: string, sinceMs: number): Promise<number | null> {
  const result = await db.execute<{ max: number | null }>(sql`
    SELECT max(o.value) AS max FROM streams s
    JOIN variables v ON v.stream_id = s.id AND v.name = ${variableName}
    JOIN observations o ON o.stream_id = s.id AND o.variable_id = v.id AND o.time >= ${new Date(sinceMs).toISOString()}
    WHERE s.instrument_id = ${instrumentId}`);
  const max = result.rows[0]?.max;
  return max === null || max === undefined ? null : Number(max);
}

export interface FeedGap {
  id: number;
  fromRecord: number | null;
  toRecord: number | null;
  fromTime: Date | null;
  toTime: Date | null;
  missingRecords: number;
  recoveredRecords: number;
  filled: boolean;
  detectedAt: Date;
}

/** Gaps whose start lies in [fromMs, toMs) (or all of them), oldest first. */
export async function listFeedGaps(db: Database, instrumentId: string, range?: { fromMs: number; toMs: number }): Promise<FeedGap[]> {
  return db.select({
    id: liveGaps.id, fromRecord: liveGaps.fromRecord, toRecord: liveGaps.toRecord, fromTime: liveGaps.fromTime, toTime: liveGaps.toTime,
    missingRecords: liveGaps.missingRecords, recoveredRecords: liveGaps.recoveredRecords, filled: liveGaps.filled, detectedAt: liveGaps.detectedAt,
  }).from(liveGaps)
    .where(and(eq(liveGaps.instrumentId, instrumentId),
      range ? gte(liveGaps.fromTime, new Date(range.fromMs)) : undefined, range ? lt(liveGaps.fromTime, new Date(range.toMs)) : undefined))
    .orderBy(asc(liveGaps.fromTime), asc(liveGaps.id));
}
