// Turns buckets into chart points with explicit breaks. A chart must show a gap in the data as a gap,
// never a line drawn across it; empty buckets are simply absent from the query, so the break is decided
// here from where the data in neighbouring buckets really stops and starts (last → first).
import type { ChartPoint, SeriesBucket } from './types';

/**
 * Data further apart than this is a gap. Two bucket widths: closer than that, the gap is narrower than the
 * chart can show. 1.5 cadences: sparser data (a 10-minute station on a 6-hour chart) is not a gap until a
 * record is missing.
 */
export function gapThresholdMs(bucketSeconds: number, cadenceSeconds: number | null): number {
  return Math.max(2 * bucketSeconds, 1.5 * (cadenceSeconds ?? 0)) * 1000;
}

/**
 * The cadence of an instrument that does not declare one, from the data: the median distance from one
 * bucket's last value to the next bucket's first. Sparse data (one value per several buckets) gives its
 * own interval; dense data gives about a bucket width, which the two-bucket rule already covers.
 */
export function inferCadenceSeconds(buckets: readonly SeriesBucket[]): number | null {
  if (buckets.length < 3) return null;
  const steps = buckets.slice(1).map((b, i) => b.first - buckets[i]!.last).sort((a, b) => a - b);
  return steps[Math.floor(steps.length / 2)]! / 1000;
}

/** Buckets in time order → points, with a null point between two buckets whose data is a gap apart. */
export function toChartPoints(buckets: readonly SeriesBucket[], bucketSeconds: number, cadenceSeconds: number | null): ChartPoint[] {
  const threshold = gapThresholdMs(bucketSeconds, cadenceSeconds ?? inferCadenceSeconds(buckets));
  const points: ChartPoint[] = [];
  let previous: SeriesBucket | undefined;
  for (const bucket of buckets) {
    if (previous && bucket.first - previous.last > threshold) {
      // Placed just after the last value, so the break is drawn where the data stops.
      points.push({ t: Math.min(previous.last + 1, bucket.t - 1), min: null, max: null, mean: null });
    }
    points.push({ t: bucket.t, min: bucket.min, max: bucket.max, mean: bucket.mean });
    previous = bucket;
  }
  return points;
}
