// The live page's status card numbers, from records alone.
import { describe, expect, it } from 'vitest';
import {
  completenessPercent, hasGpsFix, maxSince, mergeRecords, pressureTendency, recentMean, recentMeanDirection, utcMidnightMs,
} from '../../lib/live/feed-metrics';
import type { LiveRecordDto } from '../../lib/live/feed-types';
import { detectRoles, pressureToHpa } from '../../lib/live/roles';

const T0 = Date.UTC(2026, 2, 1, 12, 0, 0);
const series = (n: number, v: (i: number) => Record<string, number | null>): LiveRecordDto[] =>
  Array.from({ length: n }, (_, i) => ({ id: i + 1, no: i, t: T0 + i * 1000, v: v(i) }));

describe('status card metrics', () => {
  it('completeness counts distinct record times in the last 10 minutes', () => {
    const full = series(600, () => ({}));
    const now = T0 + 599_000;
    expect(completenessPercent(full, now, 1000)).toBe(100);
    expect(completenessPercent(full.filter((_, i) => i % 2 === 0), now, 1000)).toBe(50);
    expect(completenessPercent(full, now + 300_000, 1000)).toBe(50);
  });

  it('pressure tendency is the change over 3 minutes, in hPa', () => {
    const records = series(200, (i) => ({ p: 100_000 + i * 10 }));
    expect(pressureTendency(records, 'p', pressureToHpa('Pa'))).toBeCloseTo(18);
    expect(pressureTendency(series(60, (i) => ({ p: i })), 'p')).toBeNull();
  });

  it('averages the last 30 s, wind direction as a vector', () => {
    expect(recentMean(series(60, (i) => ({ ws: i })), 'ws')).toBeCloseTo(44.5);
    expect(recentMeanDirection(series(4, (i) => ({ wd: i % 2 ? 350 : 10 })), 'wd')).toBeCloseTo(0, 5);
  });

  it('knows the day\'s maximum, the GPS fix and midnight UTC', () => {
    const records = series(10, (i) => ({ ws: i === 3 ? 9 : 1, lat: i === 9 ? null : 52, lon: 4 }));
    expect(maxSince(records, 'ws', T0)).toBe(9);
    expect(maxSince(records, 'ws', T0 + 5000)).toBe(1);
    expect(hasGpsFix(records[8], 'lat', 'lon')).toBe(true);
    expect(hasGpsFix(records[9], 'lat', 'lon')).toBe(false);
    expect(utcMidnightMs(T0 + 5000)).toBe(Date.UTC(2026, 2, 1));
  });

  it('merges backfilled records into time order and drops what is older than two hours', () => {
    const a = series(5, () => ({}));
    const merged = mergeRecords([a[0]!, a[3]!], [a[4]!, a[1]!, a[2]!], T0 + 1000);
    expect(merged.map((r) => r.no)).toEqual([1, 2, 3, 4]);
    expect(mergeRecords(merged, [{ ...a[4]!, id: 99, t: T0 + 9000, no: 9 }], T0).map((r) => r.no)).toEqual([1, 2, 3, 4, 9]);
  });
});

describe('variable roles', () => {
  it('recognises the usual Campbell names and skips statistics', () => {
    const names = ['BattV', 'WS_ms_Max', 'WS_ms', 'WindDir', 'AirTC', 'RH', 'BP_hPa', 'GPS_Lat', 'GPS_Lon'];
    expect(detectRoles(names.map((name) => ({ name, unit: null })))).toEqual({
      windSpeed: 'WS_ms', windDir: 'WindDir', temperature: 'AirTC', humidity: 'RH', pressure: 'BP_hPa', lat: 'GPS_Lat', lon: 'GPS_Lon',
    });
  });
});
