// The one completeness and gap definition (lib/health/feed-completeness.ts) at its edges, on a real database:
// empty windows, windows reaching before the first or past the last record, duplicate record times, records
// exactly on the bounds, a 1 Hz feed with holes, and instruments with no cadence or no data.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncConfigToDatabase } from '../../db/queries/config-sync';
import { configSchema } from '../../lib/config/schema';
import { type FeedWindow, measureFeeds } from '../../lib/health/feed-completeness';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { seedMedia, seedSeries } from '../helpers/overview-data';

const at = (s: string) => new Date(s);
const ms = (s: string) => Date.parse(s);
const window = (from: string, to: string): FeedWindow => ({ from: at(from), to: at(to) });
const interval = (from: string, to: string) => ({ from: at(from), to: at(to) });
let t: TestDatabase;

const source = (id: string) => ({ path: `/srv/${id}` });
const config = configSchema.parse({
  campaign: { name: 'completeness edges' },
  sites: [{ id: 's', name: 'Site' }],
  instruments: [
    { id: 'tower', site: 's', kind: 'campbell-toa5', expectedInterval: '60s', source: source('tower') },
    { id: 'van', site: 's', kind: 'campbell-toa5', expectedInterval: '1s', source: source('van') },
    { id: 'cam', site: 's', kind: 'webcam', expectedInterval: '10m', source: source('cam') },
    { id: 'radar', site: 's', kind: 'campbell-toa5', expectedInterval: '60s', source: source('radar') },
    { id: 'loose', site: 's', kind: 'campbell-toa5', source: source('loose') },
    { id: 'never', site: 's', kind: 'campbell-toa5', expectedInterval: '60s', source: source('never') },
  ],
});
const instrument = (id: string) => {
  const found = config.instruments.find((i) => i.id === id)!;
  return { id, expectedIntervalSeconds: found.expectedInterval ?? null };
};
const measure = async (id: string, w: FeedWindow, options?: Parameters<typeof measureFeeds>[3]) =>
  (await measureFeeds(t.db, [instrument(id)], w, options)).get(id)!;

beforeAll(async () => {
  t = await createTestDatabase();
  await syncConfigToDatabase(t.db, config);
  // tower: 1-min records 10:00..12:00 (10:00 is its first record ever), minus 10:30..10:40 (a 11-minute step).
  await seedSeries(t.db, { instrumentId: 'tower', variables: [{ name: 'T' }, { name: 'RH' }], fromMs: ms('2026-03-01T10:00:00Z'),
    toMs: ms('2026-03-01T12:00:00Z'), stepSeconds: 60, holes: [[ms('2026-03-01T10:30:00Z'), ms('2026-03-01T10:40:00Z')]] });
  // van: 1 Hz for 10 minutes from 08:00, with one record missing at 08:01:00 (a 2 s step: under the 2.5 s
  // threshold) and ten missing from 08:05:00 (an 11 s step: a gap).
  await seedSeries(t.db, { instrumentId: 'van', variables: [{ name: 'Speed' }], fromMs: ms('2026-03-01T08:00:00Z'), toMs: ms('2026-03-01T08:09:59Z'),
    stepSeconds: 1, holes: [[ms('2026-03-01T08:01:00Z'), ms('2026-03-01T08:01:01Z')], [ms('2026-03-01T08:05:00Z'), ms('2026-03-01T08:05:10Z')]] });
  // cam: an image every 10 min 00:00..01:00, and a second camera file at 00:30 under the same time.
  await seedMedia(t.db, 'cam', ms('2026-03-01T00:00:00Z'), ms('2026-03-01T01:00:00Z'), 600);
  await t.db.execute(sql`INSERT INTO media (instrument_id, taken_at, path, size) VALUES ('cam', '2026-03-01T00:30:00Z', 'media/cam/second.jpg', 1000)`);
  // radar: a program change at 00:30 starts stream version 2; both versions wrote the 00:30 record.
  await seedSeries(t.db, { instrumentId: 'radar', variables: [{ name: 'Ze' }], fromMs: ms('2026-03-01T00:00:00Z'), toMs: ms('2026-03-01T00:30:00Z'), stepSeconds: 60 });
  const v2stream = await t.db.execute<{ id: number }>(sql`INSERT INTO streams (instrument_id, name, version) VALUES ('radar', 'main', 2) RETURNING id`);
  const v2 = await t.db.execute<{ id: number }>(sql`INSERT INTO variables (stream_id, name, unit) VALUES (${v2stream.rows[0]!.id}, 'Ze', 'dBZ') RETURNING id`);
  await t.db.execute(sql`INSERT INTO observations (time, stream_id, variable_id, value)
    SELECT t, ${v2stream.rows[0]!.id}, ${v2.rows[0]!.id}, 1 FROM generate_series('2026-03-01T00:30:00Z'::timestamptz, '2026-03-01T00:59:00Z', interval '1 minute') t`);
  await seedSeries(t.db, { instrumentId: 'loose', variables: [{ name: 'T' }], fromMs: ms('2026-03-01T10:00:00Z'), toMs: ms('2026-03-01T10:59:00Z'), stepSeconds: 60 });
}, 120_000);

afterAll(async () => t?.drop());

describe('feed completeness and gaps', () => {
  it('an empty window: nothing expected, nothing missing', async () => {
    expect(await measure('tower', window('2026-03-01T11:00:00Z', '2026-03-01T11:00:00Z'), { listGaps: 5 }))
      .toEqual({ records: 0, expected: 0, completeness: null, gapCount: 0, gaps: [] });
  });

  it('a window inside a hole: no records, and the hole it lies in is one gap, clipped to the window', async () => {
    expect(await measure('tower', window('2026-03-01T10:32:00Z', '2026-03-01T10:35:00Z'), { listGaps: 5 })).toEqual({
      records: 0, expected: 3, completeness: 0, gapCount: 1, gaps: [interval('2026-03-01T10:32:00Z', '2026-03-01T10:35:00Z')],
    });
  });

  it('a window starting before the first record: the time before it is missing, but not a gap', async () => {
    const f = await measure('tower', window('2026-03-01T09:00:00Z', '2026-03-01T10:20:00Z'), { listGaps: 5 });
    expect(f).toEqual({ records: 20, expected: 80, completeness: 20 / 80, gapCount: 0, gaps: [] });
  });

  it('a window ending after the last record: a silence no record has ended yet is not a gap', async () => {
    const f = await measure('tower', window('2026-03-01T11:30:00Z', '2026-03-01T13:30:00Z'));
    expect(f).toMatchObject({ records: 31, expected: 120, gapCount: 0 });
  });

  it('counts a record on the start bound, not one on the end bound', async () => {
    // Records at 11:00 (start), 11:01 and 11:02 (end): 11:00 and 11:01 count.
    expect(await measure('tower', window('2026-03-01T11:00:00Z', '2026-03-01T11:02:00Z'))).toMatchObject({ records: 2, completeness: 1 });
    expect(await measure('tower', window('2026-03-01T11:00:30Z', '2026-03-01T11:02:00Z'))).toMatchObject({ records: 1 });
  });

  it('a hole ending exactly at the window start lies before it; one ending exactly at its end lies inside', async () => {
    // The hole is the step 10:29 → 10:40.
    expect(await measure('tower', window('2026-03-01T10:40:00Z', '2026-03-01T11:00:00Z'))).toMatchObject({ gapCount: 0 });
    expect(await measure('tower', window('2026-03-01T10:00:00Z', '2026-03-01T10:40:00Z'), { listGaps: 5 }))
      .toMatchObject({ gapCount: 1, gaps: [interval('2026-03-01T10:29:00Z', '2026-03-01T10:40:00Z')] });
    // Across the start: counted, and shown from the window start.
    expect(await measure('tower', window('2026-03-01T10:35:00Z', '2026-03-01T11:00:00Z'), { listGaps: 5 }))
      .toMatchObject({ records: 20, gapCount: 1, gaps: [interval('2026-03-01T10:35:00Z', '2026-03-01T10:40:00Z')] });
  });

  it('a 1 Hz feed: one missing record is no gap, ten are one; completeness counts every missing record', async () => {
    const f = await measure('van', window('2026-03-01T08:00:00Z', '2026-03-01T08:10:00Z'), { listGaps: 5 });
    expect(f).toEqual({
      records: 600 - 11, expected: 600, completeness: (600 - 11) / 600, gapCount: 1,
      gaps: [interval('2026-03-01T08:04:59Z', '2026-03-01T08:05:10Z')],
    });
  });

  it('counts duplicate record times once: two images at one time, two stream versions sharing a record', async () => {
    // 7 images at 7 distinct times over [00:00, 01:10): 7 of 7; the second 00:30 image is no extra record.
    expect(await measure('cam', window('2026-03-01T00:00:00Z', '2026-03-01T01:10:00Z'))).toMatchObject({ records: 7, completeness: 1, gapCount: 0 });
    // Version 1 wrote 00:00..00:30, version 2 00:30..00:59: 60 distinct minutes, no hole at the change.
    expect(await measure('radar', window('2026-03-01T00:00:00Z', '2026-03-01T01:00:00Z'))).toMatchObject({ records: 60, completeness: 1, gapCount: 0 });
  });

  it('without a cadence there is nothing to measure against; without data, nothing measured yet', async () => {
    const w = window('2026-03-01T10:00:00Z', '2026-03-01T11:00:00Z');
    expect(await measure('loose', w)).toEqual({ records: 60, expected: null, completeness: null, gapCount: null, gaps: [] });
    expect(await measure('never', w)).toEqual({ records: 0, expected: 60, completeness: null, gapCount: 0, gaps: [] });
  });

  it('counts gaps in their own window when asked, or not at all', async () => {
    const day = window('2026-03-01T00:00:00Z', '2026-03-02T00:00:00Z');
    const f = await measure('tower', day, { gapWindow: window('2026-03-01T11:00:00Z', '2026-03-02T00:00:00Z') });
    expect(f).toMatchObject({ records: 111, gapCount: 0 });
    expect(await measure('tower', day)).toMatchObject({ records: 111, gapCount: 1 });
    expect(await measure('tower', day, { gapWindow: null })).toMatchObject({ records: 111, gapCount: null });
  });

  it('refuses a window that ends before it starts, an invalid time and a cadence of zero', async () => {
    await expect(measure('tower', window('2026-03-01T11:00:00Z', '2026-03-01T10:00:00Z'))).rejects.toThrow(/ends .* before it starts/);
    await expect(measure('tower', { from: new Date(Number.NaN), to: at('2026-03-01T10:00:00Z') })).rejects.toThrow(/not a valid time/);
    await expect(measureFeeds(t.db, [{ id: 'tower', expectedIntervalSeconds: 0 }], window('2026-03-01T10:00:00Z', '2026-03-01T11:00:00Z')))
      .rejects.toThrow(/cadence must be > 0/);
  });
});
