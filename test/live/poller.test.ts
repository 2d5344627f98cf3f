// The live poller against the logger simulator on loopback and a real database: steady feed, outages,
// paging, repeated time stamps, program changes, records lost from the ring, and giving up.
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LivePollFailedError } from '../../lib/live/poller';
import { type FeedRun, LiveHarness } from './harness';

let h: LiveHarness;
afterEach(async () => {
  await h?.close();
});

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const steps = (times: number[]) => times.slice(1).map((t, i) => t - times[i]!);

async function startedFeed(sim = {}, logger = {}): Promise<{ first: number; run: FeedRun }> {
  h = await LiveHarness.create(sim, logger);
  const run = h.start();
  await h.untilStored();
  return { first: (await h.cursor())!.no, run };
}

describe('live poller', () => {
  it('stores a steady 1 Hz feed in the database and the daily raw CSV', async () => {
    const { first } = await startedFeed();
    await h.advance(30, { stepwise: true });
    const journal = await h.journal();
    expect(journal.map((r) => r.no)).toEqual(range(first, first + 30));
    expect(new Set(steps(journal.map((r) => r.timeMs)))).toEqual(new Set([1000]));
    const [{ count }] = (await h.t.db.execute<{ count: string }>(sql`SELECT count(*) FROM observations`)).rows as [{ count: string }];
    expect(Number(count)).toBe(31 * 10);
    expect(await h.gaps()).toEqual([]);
    expect(h.rawFiles()).toEqual(['20260301.csv']);
    const lines = h.rawLines('20260301.csv');
    expect(lines[0]).toBe('TIMESTAMP,RECORD,BattV,WS_ms,WindDir,AirTC,RH,BP_hPa,GPS_Lat,GPS_Lon,GPS_Speed,GPS_Course');
    expect(lines).toHaveLength(32);
    expect(lines[1]).toMatch(new RegExp(`^2026-03-01 11:59:00,${first},`));
    expect((await h.feed()).records_received).toBe('31');
  });

  it('writes the logger\'s NAN (no GPS fix) as null in the database and NAN in the raw CSV', async () => {
    await startedFeed();
    h.sim.control({ gpsFix: false });
    await h.advance(1, { stepwise: true });
    const rows = await h.t.db.execute<{ values: Record<string, number | null> }>(sql`SELECT values FROM live_records ORDER BY id DESC LIMIT 1`);
    expect(rows.rows[0]!.values.GPS_Lat).toBeNull();
    expect(h.rawLines('20260301.csv').at(-1)).toMatch(/,NAN,NAN,NAN,NAN$/);
  });

  it('backfills a 2-minute outage with no duplicate and no loss, and records the gap as filled', async () => {
    const { first } = await startedFeed({ maxRecordsPerQuery: 25 });
    await h.advance(10, { stepwise: true });
    h.sim.control({ outage: true });
    await vi.waitFor(async () => expect((await h.cursor())!.state).toBe('retrying'), { timeout: 10_000, interval: 10 });
    await h.advance(120);
    h.sim.control({ outage: false });
    await h.untilStored();
    const journal = await h.journal();
    expect(journal.map((r) => r.no)).toEqual(range(first, first + 130));
    expect(new Set(steps(journal.map((r) => r.timeMs)))).toEqual(new Set([1000]));
    const gaps = await h.gaps();
    expect(gaps).toHaveLength(1);
    expect(gaps[0]).toMatchObject({ from_record: String(first + 11), to_record: String(first + 129), missing_records: 119,
      recovered_records: 119, filled: true });
    const lines = h.rawLines('20260301.csv').slice(1);
    expect(lines.map((l) => Number(l.split(',')[1]))).toEqual(range(first, first + 130));
    expect((await h.feed()).last_error).toMatch(/logger unreachable/);
  });

  it('follows more: true until it has everything', async () => {
    const { first } = await startedFeed({ maxRecordsPerQuery: 7 });
    await h.advance(50);
    await h.untilStored();
    expect((await h.journal()).map((r) => r.no)).toEqual(range(first, first + 50));
    expect(await h.gaps()).toEqual([]);
  });

  it('moves a repeated GPS time stamp to previous + 1 s and counts the correction', async () => {
    const { first } = await startedFeed();
    await h.advance(2, { stepwise: true });
    h.sim.control({ repeatTimestamps: 2 });
    await h.advance(5, { stepwise: true });
    const logger = h.sim.table.ring.slice(0, h.sim.table.ring.size).map((r) => r.timeMs);
    expect(new Set(steps(logger))).toContain(0);
    const journal = await h.journal();
    expect(journal.map((r) => r.no)).toEqual(range(first, first + 7));
    expect(new Set(steps(journal.map((r) => r.timeMs)))).toEqual(new Set([1000]));
    expect((await h.feed()).timestamp_corrections).toBe(2);
    expect(await h.gaps()).toEqual([]);
  });

  it('starts a new stream version when the logger program changes, never mixing variables', async () => {
    await startedFeed();
    await h.advance(3, { stepwise: true });
    h.sim.control({ programChange: true });
    await h.advance(4);
    await vi.waitFor(async () => {
      const journal = await h.journal();
      expect(new Set(journal.map((r) => r.streamId)).size).toBe(2);
      expect(journal.at(-1)!.no).toBe(h.sim.status().newestRecord);
    }, { timeout: 20_000, interval: 10 });
    const streams = (await h.t.db.execute<{ id: number; version: number; signature: string }>(
      sql`SELECT id, version, signature FROM streams WHERE instrument_id = 'van1' ORDER BY version`)).rows;
    expect(streams.map((s) => s.version)).toEqual([1, 2]);
    expect(streams[0]!.signature).not.toBe(streams[1]!.signature);
    const vars = async (streamId: number) => (await h.t.db.execute<{ name: string }>(
      sql`SELECT name FROM variables WHERE stream_id = ${streamId}`)).rows.map((r) => r.name);
    expect(await vars(streams[0]!.id)).not.toContain('WS_ms_Max');
    expect(await vars(streams[1]!.id)).toContain('WS_ms_Max');
    const mixed = await h.t.db.execute(sql`
      SELECT 1 FROM observations o JOIN variables v ON v.id = o.variable_id WHERE v.stream_id <> o.stream_id LIMIT 1`);
    expect(mixed.rows).toEqual([]);
    const journal = await h.journal();
    expect(journal.filter((r) => r.streamId === streams[1]!.id).map((r) => r.no)).toEqual([0, 1, 2, 3]);
    expect(new Set(steps(journal.map((r) => r.timeMs)))).toEqual(new Set([1000]));
    expect(h.rawFiles()).toEqual(['20260301.csv', '20260301_v2.csv']);
    expect(h.rawLines('20260301_v2.csv')[0]).toMatch(/,WS_ms_Max$/);
  });

  it('records the part of a gap that fell off the logger\'s ring as not filled', async () => {
    const { first } = await startedFeed({ ringSize: 60 });
    h.sim.control({ outage: true });
    await vi.waitFor(async () => expect((await h.cursor())!.state).toBe('retrying'), { timeout: 10_000, interval: 10 });
    await h.advance(120);
    h.sim.control({ outage: false });
    await h.untilStored();
    const journal = await h.journal();
    expect(journal.map((r) => r.no)).toEqual([first, ...range(first + 61, first + 120)]);
    const gaps = await h.gaps();
    expect(gaps).toHaveLength(1);
    expect(gaps[0]).toMatchObject({ from_record: String(first + 1), to_record: String(first + 119), missing_records: 119,
      recovered_records: 59, filled: false });
  });

  it('records a jump in time with consecutive record numbers as an unfilled time gap', async () => {
    await startedFeed();
    h.sim.control({ paused: true });
    await h.advance(30);
    h.sim.control({ paused: false });
    await h.advance(1, { stepwise: true });
    const gaps = await h.gaps();
    expect(gaps).toHaveLength(1);
    expect(gaps[0]).toMatchObject({ from_record: null, to_record: null, missing_records: 30, filled: false });
  });

  it('retries through HTTP 500s and carries on', async () => {
    const { first } = await startedFeed();
    h.sim.control({ http500: 3 });
    await h.advance(3, { stepwise: true });
    expect((await h.journal()).map((r) => r.no)).toEqual(range(first, first + 3));
    const feed = await h.feed();
    expect(feed.state).toBe('receiving');
    expect(feed.last_error).toMatch(/HTTP 500/);
  });

  it('gives up after retryMax consecutive failures, saying why', async () => {
    const { run } = await startedFeed({}, { retryMax: 3 });
    h.sim.control({ http500: 1000 });
    h.clock.advance(1);
    const failure = await run.failure;
    expect(failure).toBeInstanceOf(LivePollFailedError);
    expect(failure!.message).toMatch(/gave up after 3 consecutive failed polls \(retryMax 3\); the last: .*HTTP 500/);
    const feed = await h.feed();
    expect(feed).toMatchObject({ state: 'failed', consecutive_failures: 3 });
    expect(feed.last_error).toMatch(/HTTP 500/);
  });
});
