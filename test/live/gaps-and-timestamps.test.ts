// The rules behind gap records and time stamp corrections, without a logger.
import { describe, expect, it } from 'vitest';
import { recordGap, timeGap } from '../../lib/live/gaps';
import { correctRepeatedTimestamps } from '../../lib/live/timestamps';

const rec = (no: number, s: number) => ({ no, timeMs: s * 1000, values: [] });

describe('repeated time stamps', () => {
  it('moves a repeat to previous + 1 s, across the page boundary too, and counts it', () => {
    const { records, corrections } = correctRepeatedTimestamps(10_000, [rec(2, 10), rec(3, 10), rec(4, 13)]);
    expect(records.map((r) => r.timeMs / 1000)).toEqual([11, 12, 13]);
    expect(corrections).toBe(2);
  });

  it('leaves a clock that jumped back far alone (that is a reset, not a repeat)', () => {
    const { records, corrections } = correctRepeatedTimestamps(100_000, [rec(2, 50)]);
    expect(records[0]!.timeMs).toBe(50_000);
    expect(corrections).toBe(0);
  });
});

describe('gaps', () => {
  it('sees missing record numbers', () => {
    expect(recordGap({ no: 10, timeMs: 10_000 }, { no: 11, timeMs: 11_000 }, 1000)).toBeNull();
    expect(recordGap({ no: 10, timeMs: 10_000 }, { no: 15, timeMs: 15_000 }, 1000))
      .toEqual({ fromRecord: 11, toRecord: 14, fromTimeMs: 11_000, toTimeMs: 14_000, missing: 4 });
  });

  it('sees a jump in time, but not a GPS second skipped after a repeat', () => {
    expect(timeGap(10_000, 12_000, 1000)).toBeNull();
    expect(timeGap(10_000, 40_000, 1000)).toEqual({ fromRecord: null, toRecord: null, fromTimeMs: 11_000, toTimeMs: 39_000, missing: 29 });
  });
});
