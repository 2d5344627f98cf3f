// The cap on values per data request, and the advice a refused caller gets: how long a span fits in one
// call, how many calls the range needs, or a coarser `every` that fits as it is.
import { EVERY_SECONDS, type Every } from './data-params';

export interface TooManyValues {
  error: string;
  requestedValues: number;
  maxValues: number;
  suggestion: { maxSpanSeconds: number; maxSpan: string; calls: number; every: Every | null };
}

function describeSpan(seconds: number): string {
  if (seconds >= 86_400 * 2) return `${Math.floor(seconds / 86_400)} days`;
  if (seconds >= 7200) return `${Math.floor(seconds / 3600)} hours`;
  if (seconds >= 120) return `${Math.floor(seconds / 60)} minutes`;
  return `${Math.max(1, Math.floor(seconds))} seconds`;
}

export function tooManyValues(requested: number, max: number, range: { start: Date; end: Date; every: Every; variables: number }): TooManyValues {
  const spanSeconds = (range.end.getTime() - range.start.getTime()) / 1000;
  const maxSpanSeconds = Math.max(1, Math.floor((spanSeconds * max) / requested));
  const calls = Math.ceil(requested / max);
  const current = EVERY_SECONDS[range.every];
  const every = (Object.keys(EVERY_SECONDS) as Every[])
    .find((e) => EVERY_SECONDS[e] > current && Math.ceil(spanSeconds / EVERY_SECONDS[e]) * range.variables <= max) ?? null;
  const maxSpan = describeSpan(maxSpanSeconds);
  return {
    error: `too many values: this request covers about ${requested} values and one request may return at most ${max}; ` +
      `request at most ${maxSpan} per call (${calls} calls for this range)${every ? `, or use every=${every}` : ''}`,
    requestedValues: requested,
    maxValues: max,
    suggestion: { maxSpanSeconds, maxSpan, calls, every },
  };
}

/** Values a request can return: the stored ones, or fewer when buckets merge them. */
export function boundValues(stored: number, range: { start: Date; end: Date; every: Every; variables: number }): number {
  const width = EVERY_SECONDS[range.every];
  if (width === 0) return stored;
  const buckets = Math.ceil((range.end.getTime() - range.start.getTime()) / 1000 / width) + 1;
  return Math.min(stored, buckets * range.variables);
}
