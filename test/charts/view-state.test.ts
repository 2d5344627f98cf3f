// The instrument page's URL state: what the controls write is what the page reads back, and hand-edited or
// hostile links fall back to defaults instead of failing. The series route's strict parser names the
// parameter it refuses.
import { describe, expect, it } from 'vitest';
import { parseSeriesParams } from '../../lib/charts/series-params';
import { chartWindow, type InstrumentView, isPlausibleId, parseView, rangeWindow, viewHref, viewSearch } from '../../lib/charts/view-state';

const base = parseView(new URLSearchParams());

describe('instrument view in the URL', () => {
  it('has defaults that write an empty search string', () => {
    expect(base).toEqual({ tab: 'timeseries', vars: null, preset: '24h', range: null, end: null, zoom: null, method: 'envelope', day: null, page: 1 });
    expect(viewSearch(base)).toBe('');
  });

  it('round-trips every control', () => {
    const views: InstrumentView[] = [
      { ...base, tab: 'files', page: 3 },
      { ...base, vars: [4, 2, 9], preset: '7d', zoom: { from: Date.UTC(2026, 10, 14, 3, 0, 0, 123), to: Date.UTC(2026, 10, 15) } },
      { ...base, tab: 'quicklooks', day: '2026-11-19', range: { from: Date.UTC(2026, 10, 1), to: Date.UTC(2026, 10, 3) } },
      { ...base, tab: 'pipeline', preset: '30d', end: Date.UTC(2026, 10, 20, 12) },
      { ...base, method: 'lttb', vars: [3], zoom: { from: Date.UTC(2026, 10, 14), to: Date.UTC(2026, 10, 14, 6) } },
    ];
    for (const view of views) {
      const href = viewHref('met', view);
      expect(parseView(new URL(href, 'http://x').searchParams)).toEqual(view);
    }
    expect(viewHref('met', views[1]!)).toBe('/instruments/met?vars=4,2,9&range=7d&zoom=2026-11-14T03:00:00.123Z~2026-11-15T00:00:00.000Z');
  });

  it('writes the downsampling only when it is lttb, and keeps it across other controls', () => {
    const lttb = { ...base, method: 'lttb' as const };
    expect(viewSearch(lttb)).toBe('?method=lttb');
    expect(viewHref('met', lttb, { preset: '7d' })).toBe('/instruments/met?range=7d&method=lttb');
    expect(viewHref('met', lttb, { tab: 'files' })).toBe('/instruments/met?tab=files&method=lttb');
    expect(viewHref('met', lttb, { method: 'envelope' })).toBe('/instruments/met');
    expect(parseView({ method: 'lttb' }).method).toBe('lttb');
    expect(parseView({ method: 'envelope' })).toEqual(base);
    // A hand-edited value falls back to the envelope, the one method every database has.
    for (const method of ['LTTB', 'lttb ', 'fft', '', '<script>', 'lttb'.repeat(1000)]) expect(parseView({ method }).method).toBe('envelope');
    expect(parseView({ method: ['lttb', 'envelope'] }).method).toBe('lttb');
  });

  it('ignores nonsense and hostile values, control by control', () => {
    const view = parseView({ tab: '<script>', vars: "1;DROP TABLE x,-3,abc", range: '1y', from: 'x', to: '2026-01-01', zoom: '9~1',
      day: '2026-02-30', page: '1e9', end: '3000-01-01', method: 'fft' });
    expect(view).toEqual(base);
    expect(parseView({ vars: '5,5,7', page: ['2', '9'] })).toMatchObject({ vars: [5, 7], page: 2 });
    expect(parseView({ vars: Array.from({ length: 40 }, (_, i) => i + 1).join(',') }).vars).toHaveLength(12);
    expect(parseView({ from: '2026-11-20T00:00:00Z', to: '2026-11-19T00:00:00Z' }).range).toBeNull();
  });

  it('puts presets at the newest data (or an explicit end), and zoom inside', () => {
    const newest = Date.UTC(2026, 10, 20);
    expect(rangeWindow(base, newest, 0)).toEqual({ from: newest - 24 * 3600_000, to: newest });
    expect(rangeWindow(base, null, newest)).toEqual({ from: newest - 24 * 3600_000, to: newest });
    expect(rangeWindow({ ...base, preset: '6h', end: newest + 1000 }, newest, 0)).toEqual({ from: newest + 1000 - 6 * 3600_000, to: newest + 1000 });
    const zoom = { from: newest - 3600_000, to: newest - 1800_000 };
    expect(chartWindow({ ...base, zoom }, newest, 0)).toEqual(zoom);
  });

  it('accepts only plausible instrument ids', () => {
    expect(isPlausibleId('cl61')).toBe(true);
    expect(isPlausibleId('')).toBe(false);
    expect(isPlausibleId('a\u0000b')).toBe(false);
    expect(isPlausibleId('x'.repeat(201))).toBe(false);
  });
});

describe('series route parameters', () => {
  const parse = (query: string) => parseSeriesParams(new URLSearchParams(query));

  it('accepts ISO times and epoch milliseconds, and defaults method and maxPoints', () => {
    const parsed = parse('vars=3,1,3&from=2026-11-19T00:00:00Z&to=1795132800000');
    expect(parsed).toEqual({ ok: true, value: { vars: [3, 1], from: new Date('2026-11-19T00:00:00Z'), to: new Date(1795132800000), method: 'envelope', maxPoints: 1500 } });
  });

  it('accepts either downsampling method and refuses any other', () => {
    const day = 'vars=1&from=2026-11-19T00:00:00Z&to=2026-11-20T00:00:00Z';
    expect(parse(`${day}&method=lttb`)).toMatchObject({ ok: true, value: { method: 'lttb' } });
    expect(parse(`${day}&method=envelope`)).toMatchObject({ ok: true, value: { method: 'envelope' } });
    expect(parse(`${day}&method=LTTB`)).toEqual({ ok: false, message: 'method: envelope or lttb' });
    expect(parse(`${day}&method=`)).toEqual({ ok: false, message: 'method: envelope or lttb' });
  });

  it('names the parameter it refuses', () => {
    expect(parse('vars=1&from=2026-11-19T00:00:00Z&to=2026-11-20T00:00:00Z&maxPoints=9')).toMatchObject({ ok: false, message: expect.stringMatching(/^maxPoints:/) });
    expect(parse('vars=0&from=2026-11-19T00:00:00Z&to=2026-11-20T00:00:00Z')).toMatchObject({ ok: false, message: expect.stringMatching(/^vars:/) });
    expect(parse('vars=1&from=2026-11-19T00:00:00Z&to=2026-11-20T00:00:00Z&x' + 'y'.repeat(500) + '=1'))
      .toMatchObject({ ok: false, message: expect.stringMatching(/^xy{39}…: unknown parameter/) });
    expect(parse('vars=1&from=' + '9'.repeat(41) + '&to=2026-11-20T00:00:00Z')).toMatchObject({ ok: false, message: expect.stringMatching(/^from:/) });
  });
});
