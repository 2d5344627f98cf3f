// Bucket widths and gap breaks: pure functions, no database.
import { describe, expect, it } from 'vitest';
import { chooseBucketSeconds, rollupFor } from '../../lib/charts/bucket-width';
import { toChartPoints } from '../../lib/charts/gaps';

const H = 3600_000;

describe('chooseBucketSeconds', () => {
  it('picks round widths that keep every range within 1,500 buckets, edges included', () => {
    for (const span of [60_000, 6 * H, 24 * H, 7 * 24 * H, 30 * 24 * H, 365 * 24 * H]) {
      for (const offset of [0, 1, 17_321]) {
        const width = chooseBucketSeconds(offset, offset + span) * 1000;
        const first = Math.floor(offset / width);
        const last = Math.floor((offset + span - 1) / width);
        expect(last - first + 1).toBeLessThanOrEqual(1500);
      }
    }
    expect(chooseBucketSeconds(0, 24 * H)).toBe(60);
    expect(chooseBucketSeconds(0, 30 * 24 * H)).toBe(1800);
    expect(chooseBucketSeconds(0, 6 * H)).toBe(15);
  });

  it('refuses an empty or reversed range', () => {
    expect(() => chooseBucketSeconds(10, 10)).toThrow(/end after/);
    expect(() => chooseBucketSeconds(10, 0)).toThrow(/end after/);
    expect(() => chooseBucketSeconds(0, 10, 1)).toThrow(/maxBuckets/);
  });

  it('uses a roll-up only when its buckets nest in ours', () => {
    expect(rollupFor(15)).toBeNull();
    expect(rollupFor(90)).toBeNull();
    expect(rollupFor(60)).toMatchObject({ table: 'observations_1m' });
    expect(rollupFor(1800)).toMatchObject({ table: 'observations_1m' });
    expect(rollupFor(7200)).toMatchObject({ table: 'observations_1h' });
  });
});

describe('toChartPoints', () => {
  const bucket = (t: number, first = t, last = t + 9_000) => ({ t, min: 1, max: 2, mean: 1.5, count: 10, first, last });

  it('breaks the line where the data is more than two buckets apart, and only there', () => {
    const points = toChartPoints([bucket(0), bucket(10_000), bucket(50_000), bucket(60_000)], 10, 1);
    expect(points.map((p) => p.mean)).toEqual([1.5, 1.5, null, 1.5, 1.5]);
    expect(points[2]!.t).toBeGreaterThan(10_000);
    expect(points[2]!.t).toBeLessThan(50_000);
  });

  it('does not break sparse data that arrives at its expected cadence', () => {
    // A 10-minute station on 15-second buckets: every bucket is 40 buckets from the next one.
    const sparse = [0, 600_000, 1_200_000].map((t) => bucket(t, t, t));
    expect(toChartPoints(sparse, 15, 600).every((p) => p.mean !== null)).toBe(true);
    // Without a declared cadence, the data's own median spacing stands in for it.
    expect(toChartPoints(sparse, 15, null).every((p) => p.mean !== null)).toBe(true);
    const withOutage = [0, 600_000, 1_200_000, 1_800_000, 6_000_000, 6_600_000].map((t) => bucket(t, t, t));
    expect(toChartPoints(withOutage, 15, null).filter((p) => p.mean === null)).toHaveLength(1);
    // A missing record at that cadence is a gap.
    expect(toChartPoints([bucket(0, 0, 0), bucket(1_800_000, 1_800_000, 1_800_000)], 15, 600).filter((p) => p.mean === null)).toHaveLength(1);
  });
});
