// Bucket widths for downsampling. Widths come from a fixed ladder of "round" values so that
// - a bucket never straddles a minute or an hour when it is a whole number of them, which lets long ranges
//   read the 1-minute / 1-hour roll-ups (their buckets nest exactly in ours, same origin);
// - the same range always gives the same buckets (a shared link shows the same points).

export const MAX_POINTS = 1500;
export const MAX_PROFILE_COLUMNS = 600;

const LADDER = [
  0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30,
  60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400,
];

/**
 * The smallest ladder width that covers [fromMs, toMs) in at most `maxBuckets` buckets, counting the
 * partial buckets at either end (hence `maxBuckets - 1` whole ones).
 */
export function chooseBucketSeconds(fromMs: number, toMs: number, maxBuckets = MAX_POINTS): number {
  if (!(toMs > fromMs)) throw new RangeError('the range must end after it starts');
  if (!Number.isInteger(maxBuckets) || maxBuckets < 2) throw new RangeError('maxBuckets must be an integer >= 2');
  const needed = (toMs - fromMs) / 1000 / (maxBuckets - 1);
  const width = LADDER.find((w) => w >= needed);
  if (width !== undefined) return width;
  return Math.ceil(needed / 86_400) * 86_400;
}

/** Roll-up table whose buckets nest in `bucketSeconds`-wide buckets, if any (widest first). */
export function rollupFor(bucketSeconds: number): { table: 'observations_1h' | 'observations_1m'; seconds: number } | null {
  if (bucketSeconds >= 3600 && bucketSeconds % 3600 === 0) return { table: 'observations_1h', seconds: 3600 };
  if (bucketSeconds >= 60 && bucketSeconds % 60 === 0) return { table: 'observations_1m', seconds: 60 };
  return null;
}
