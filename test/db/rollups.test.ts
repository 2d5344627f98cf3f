// Roll-ups agree with a direct aggregate of the raw rows, on whichever kind of database the run has, and
// time buckets mean the same span on both (date_bin with time_bucket's origin).
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { observations } from '../../db/schema';
import { observations1h, observations1m } from '../../db/schema/rollups';
import { getCapabilities, timeBucket } from '../../db/timeseries/capabilities';
import { refreshRollups } from '../../db/timeseries/rollups';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.drop());

describe('roll-ups', () => {
  it('hold min, max, mean, sum and the count of non-null values per bucket', async () => {
    const start = Date.parse('2026-11-20T10:00:00Z');
    // 2 hours at 1 Hz, value = seconds since start; every 10th value missing.
    const rows = Array.from({ length: 7200 }, (_, i) => ({
      time: new Date(start + i * 1000), streamId: 1, variableId: 7, value: i % 10 === 5 ? null : i,
    }));
    for (let i = 0; i < rows.length; i += 2000) await t.db.insert(observations).values(rows.slice(i, i + 2000));

    await refreshRollups(t.db, new Date(start), new Date(start + 7200_000));

    const minutes = await t.db.select().from(observations1m).orderBy(observations1m.bucket);
    expect(minutes).toHaveLength(120);
    expect(minutes[0]).toMatchObject({ streamId: 1, variableId: 7, min: 0, max: 59, count: 54 });
    expect(minutes[0]!.bucket.toISOString()).toBe('2026-11-20T10:00:00.000Z');
    const expectedSum = Array.from({ length: 60 }, (_, i) => i).filter((i) => i % 10 !== 5).reduce((a, b) => a + b, 0);
    expect(minutes[0]!.sum).toBe(expectedSum);
    expect(minutes[0]!.mean).toBeCloseTo(expectedSum / 54, 9);

    const hours = await t.db.select().from(observations1h).orderBy(observations1h.bucket);
    expect(hours.map((h) => [h.bucket.toISOString(), h.min, h.max, h.count])).toEqual([
      ['2026-11-20T10:00:00.000Z', 0, 3599, 3240],
      ['2026-11-20T11:00:00.000Z', 3600, 7199, 3240],
    ]);
  });

  it('recompute a range again without duplicating buckets (late data)', async () => {
    const late = new Date('2026-11-20T10:00:30.500Z');
    await t.db.insert(observations).values({ time: late, streamId: 1, variableId: 7, value: -100 });
    await refreshRollups(t.db, late, late);
    const [first] = await t.db.select().from(observations1m).where(sql`${observations1m.bucket} = '2026-11-20T10:00:00Z'`);
    expect(first).toMatchObject({ min: -100, count: 55 });
    const total = await t.db.select({ n: sql<number>`count(*)::int` }).from(observations1m);
    expect(total[0]!.n).toBe(120);
  });

  it('bucket times the same way on TimescaleDB and PostgreSQL', async () => {
    const caps = await getCapabilities(t.db);
    const result = await t.db.execute<{ b: Date }>(sql`SELECT ${timeBucket(caps, 600, sql`'2026-11-20T10:17:42Z'::timestamptz`)} AS b`);
    expect(new Date(result.rows[0]!.b).toISOString()).toBe('2026-11-20T10:10:00.000Z');
    const week = await t.db.execute<{ b: Date }>(sql`SELECT ${timeBucket(caps, 7 * 86400, sql`'2026-11-20T10:17:42Z'::timestamptz`)} AS b`);
    // Weekly buckets start on Mondays (time_bucket's default origin, 2000-01-03).
    expect(new Date(week.rows[0]!.b).toISOString()).toBe('2026-11-16T00:00:00.000Z');
  });
});
