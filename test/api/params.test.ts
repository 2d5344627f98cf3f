// Parameter parsing of the partner API: every bad value is refused with the parameter's name, and hostile
// input (SQL, unicode, huge or negative numbers) never gets further than the parser.
import { describe, expect, it } from 'vitest';
import { parseApiTime } from '../../lib/api/api-time';
import { parseRangeHeader } from '../../lib/web/byte-ranges';
import { parseDataParams } from '../../lib/api/data-params';
import { parseFileParams } from '../../lib/api/file-params';
import { boundValues, tooManyValues } from '../../lib/api/value-limit';

const NOW = new Date('2026-03-10T12:00:00Z');
const data = (query: string) => parseDataParams(new URLSearchParams(query), NOW);
const files = (query: string) => parseFileParams(new URLSearchParams(query), NOW);

describe('times', () => {
  it('reads ISO 8601 and relative times', () => {
    expect(parseApiTime('2026-03-01', NOW)).toEqual(new Date('2026-03-01T00:00:00Z'));
    expect(parseApiTime('2026-03-01T12:30:00.250Z', NOW)).toEqual(new Date('2026-03-01T12:30:00.250Z'));
    expect(parseApiTime('2026-03-01T12:30:00+0200', NOW)).toEqual(new Date('2026-03-01T10:30:00Z'));
    expect(parseApiTime('now', NOW)).toEqual(NOW);
    expect(parseApiTime('now-7d', NOW)).toEqual(new Date('2026-03-03T12:00:00Z'));
    expect(parseApiTime('now-90m', NOW)).toEqual(new Date('2026-03-10T10:30:00Z'));
    expect(parseApiTime('now+1h', NOW)).toEqual(new Date('2026-03-10T13:00:00Z'));
  });

  it('refuses non-times, impossible dates and years out of range', () => {
    for (const bad of ['2026-02-30', '2026-13-01', '2026-03-01T25:00', 'yesterday', 'now-7x', 'now-99999999999d', '١٢٣٤-٠١-٠١', "2026-03-01'; --", '-2026-03-01', '9999-12-31', '0001-01-01', 'now-1000000w']) {
      expect(typeof parseApiTime(bad, NOW), bad).toBe('string');
    }
  });
});

describe('data parameters', () => {
  it('defaults to one day up to now, raw, mean, csv, every variable', () => {
    expect(data('')).toEqual({ vars: null, start: new Date('2026-03-09T12:00:00Z'), end: NOW, every: 'raw', agg: 'mean', format: 'csv' });
    expect(data('vars=a,b,a&start=now-2d&end=now-1d&every=10m&agg=last&format=nc')).toMatchObject({ vars: ['a', 'b'], every: '10m', agg: 'last', format: 'nc' });
  });

  it.each([
    ['start=garbage', /^start: "garbage": expected an ISO 8601/],
    ['end=2026-02-31', /^end: .*not a valid calendar time/],
    ['start=now&end=now-1d', /^start: must be before end/],
    ['start=2026-03-01&end=2026-03-01', /^start: must be before end/],
    ['every=5m', /^every: "5m" is not one of raw, 1s, 1m, 10m, 1h, 1d/],
    ['every=-1s', /^every: /],
    ['agg=median', /^agg: /],
    ['format=xlsx', /^format: /],
    ['format=csv&format=nc', /^format: given more than once/],
    ['vars=a,,b', /^vars: an empty name/],
    ['vars=a,', /^vars: an empty name/],
    [`vars=${'x'.repeat(300)}`, /^vars: name too long/],
    [`vars=${Array.from({ length: 201 }, (_, i) => `v${i}`).join(',')}`, /^vars: at most 200/],
    ['limit=5', /^limit: unknown parameter/],
    ["start=1; DROP TABLE observations", /^start: /],
  ])('%s', (query, message) => {
    expect(() => data(query)).toThrow(message);
  });

  it('keeps unicode and SQL-looking variable names as plain names (they are matched, never interpolated)', () => {
    expect(data("vars=température,x'); DROP TABLE files;--").vars).toEqual(['température', "x'); DROP TABLE files;--"]);
  });
});

describe('file list parameters', () => {
  it('reads filters and paging', () => {
    expect(files('instrument=cl61&from=now-1d&state=appended&limit=10&after=5')).toMatchObject({ instrument: 'cl61', state: 'appended', limit: 10, after: 5 });
  });
  it.each([
    ['state=deleted', /^state: /], ['limit=0', /^limit: must be between 1 and 5000/], ['limit=-5', /^limit: "-5" is not a whole number/],
    ['limit=1e9', /^limit: /], ['after=99999999999999999999', /^after: /], ['from=now&to=now-1d', /^from: must be before to/], ['x=1', /^x: unknown/],
  ])('%s', (query, message) => {
    expect(() => files(query)).toThrow(message);
  });
});

describe('byte ranges (the file content route serves them through lib/web/file-response.ts)', () => {
  it('parses single ranges and ignores what it cannot serve as one range', () => {
    expect(parseRangeHeader('bytes=0-9', 100)).toEqual({ kind: 'single', start: 0, end: 9 });
    expect(parseRangeHeader('bytes=90-', 100)).toEqual({ kind: 'single', start: 90, end: 99 });
    expect(parseRangeHeader('bytes=-10', 100)).toEqual({ kind: 'single', start: 90, end: 99 });
    expect(parseRangeHeader('bytes=-1000', 100)).toEqual({ kind: 'single', start: 0, end: 99 });
    expect(parseRangeHeader('bytes=50-5000', 100)).toEqual({ kind: 'single', start: 50, end: 99 });
    expect(parseRangeHeader('bytes=100-', 100)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRangeHeader('bytes=-0', 100)).toEqual({ kind: 'unsatisfiable' });
    // A last position past the end means "to the end" (RFC 9110 §14.1.2), however large it is.
    expect(parseRangeHeader(`bytes=0-${'9'.repeat(40)}`, 100)).toEqual({ kind: 'single', start: 0, end: 99 });
    for (const ignored of ['bytes=0-1,5-6', 'bytes=9-1', 'items=0-1', 'bytes=-', 'bytes=abc', `bytes=${'9'.repeat(40)}-`]) {
      expect(parseRangeHeader(ignored, 100), ignored).toEqual({ kind: 'ignore' });
    }
  });
});

describe('value cap', () => {
  it('says how long a span fits, how many calls, and a coarser every', () => {
    const range = { start: new Date('2026-03-01'), end: new Date('2026-03-11'), every: 'raw' as const, variables: 10 };
    const body = tooManyValues(86_400_000, 50_000_000, range);
    expect(body).toMatchObject({ requestedValues: 86_400_000, maxValues: 50_000_000, suggestion: { calls: 2, maxSpan: '5 days', every: '1s' } });
    expect(body.error).toMatch(/at most 5 days per call/);
    expect(boundValues(1_000_000, { ...range, every: '1d' })).toBe(110);
    expect(boundValues(1_000_000, range)).toBe(1_000_000);
  });
});
