// The instrument page's view as URL search params, both ways. Every control writes here and the server
// component reads it back, so a reload, back/forward or a copied link shows the same view. Parsing is
// lenient (a hand-edited link with a bad value falls back to the default for that control); the series
// route validates strictly instead (lib/charts/series-params.ts).
import { DOWNSAMPLE_METHODS, type DownsampleMethod } from './types';

export const TABS = ['timeseries', 'quicklooks', 'files', 'pipeline', 'media'] as const;
export type Tab = (typeof TABS)[number];

export const PRESETS = { '6h': 6 * 3600_000, '24h': 24 * 3600_000, '7d': 7 * 86_400_000, '30d': 30 * 86_400_000 } as const;
export type Preset = keyof typeof PRESETS;
export const DEFAULT_PRESET: Preset = '24h';

/** Longest window a chart may ask for (and the route accepts): about ten years. */
export const MAX_WINDOW_MS = 3660 * 86_400_000;
const MAX_VARS = 12;

export interface Span {
  from: number;
  to: number;
}

export interface InstrumentView {
  tab: Tab;
  /** Variable ids; null: the page's default selection. */
  vars: number[] | null;
  preset: Preset;
  /** Custom range (overrides the preset). */
  range: Span | null;
  /** End of the preset window; null: the newest data. */
  end: number | null;
  /** Drag-zoomed window inside the range. */
  zoom: Span | null;
  /** Downsampling the URL asks for; the page shows `envelope` where the database cannot do `lttb`. */
  method: DownsampleMethod;
  day: string | null;
  /** Files tab page, from 1. */
  page: number;
}

type ParamSource = URLSearchParams | Record<string, string | string[] | undefined>;

function getter(params: ParamSource): (key: string) => string | null {
  if (params instanceof URLSearchParams) return (key) => params.get(key);
  return (key) => {
    const value = params[key];
    return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
  };
}

/** An ISO time (or epoch ms) within a sane span of years, as epoch ms. */
export function parseTime(text: string | null): number | null {
  if (!text || text.length > 40) return null;
  const ms = /^\d{1,15}$/.test(text) ? Number(text) : Date.parse(text);
  return Number.isFinite(ms) && ms >= Date.UTC(1970, 0, 1) && ms <= Date.UTC(2200, 0, 1) ? ms : null;
}

function parseSpan(fromText: string | null, toText: string | null): Span | null {
  const from = parseTime(fromText);
  const to = parseTime(toText);
  return from !== null && to !== null && to > from && to - from <= MAX_WINDOW_MS ? { from, to } : null;
}

/** A config id as it may appear in a URL: no control characters (PostgreSQL text refuses NUL), not huge. */
export function isPlausibleId(id: string): boolean {
  return id.length > 0 && id.length <= 200 && !/[\u0000-\u001f\u007f]/.test(id);
}

export function parseDay(text: string | null): string | null {
  if (!text || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return null;
  const ms = Date.parse(`${text}T00:00:00Z`);
  return Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 10) === text ? text : null;
}

export function parseVarIds(text: string | null): number[] | null {
  if (text === null || text.length > 400) return null;
  const ids = text.split(',').filter((s) => /^\d{1,9}$/.test(s)).map(Number).filter((n) => n > 0);
  return ids.length > 0 ? [...new Set(ids)].slice(0, MAX_VARS) : null;
}

export function parseView(params: ParamSource): InstrumentView {
  const get = getter(params);
  const tab = TABS.find((t) => t === get('tab')) ?? 'timeseries';
  const preset = (Object.keys(PRESETS) as Preset[]).find((p) => p === get('range')) ?? DEFAULT_PRESET;
  const [zoomFrom, zoomTo] = (get('zoom') ?? '').split('~');
  const page = Number(get('page'));
  return {
    tab,
    vars: parseVarIds(get('vars')),
    preset,
    range: parseSpan(get('from'), get('to')),
    end: parseTime(get('end')),
    zoom: parseSpan(zoomFrom ?? null, zoomTo ?? null),
    method: DOWNSAMPLE_METHODS.find((m) => m === get('method')) ?? 'envelope',
    day: parseDay(get('day')),
    page: Number.isSafeInteger(page) && page >= 1 && page <= 100_000 ? page : 1,
  };
}

const isoOf = (ms: number) => new Date(ms).toISOString();

/** The search string of a view (no defaults, a fixed order), e.g. `?tab=files&page=2`, or ''. */
export function viewSearch(view: InstrumentView): string {
  const params = new URLSearchParams();
  if (view.tab !== 'timeseries') params.set('tab', view.tab);
  if (view.vars && view.vars.length > 0) params.set('vars', view.vars.join(','));
  if (view.range) {
    params.set('from', isoOf(view.range.from));
    params.set('to', isoOf(view.range.to));
  } else {
    if (view.preset !== DEFAULT_PRESET) params.set('range', view.preset);
    if (view.end !== null) params.set('end', isoOf(view.end));
  }
  if (view.zoom) params.set('zoom', `${isoOf(view.zoom.from)}~${isoOf(view.zoom.to)}`);
  if (view.method !== 'envelope') params.set('method', view.method);
  if (view.day) params.set('day', view.day);
  if (view.page > 1) params.set('page', String(view.page));
  const text = params.toString().replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%7E/g, '~');
  return text ? `?${text}` : '';
}

export function viewHref(instrumentId: string, view: InstrumentView, change: Partial<InstrumentView> = {}): string {
  return `/instruments/${encodeURIComponent(instrumentId)}${viewSearch({ ...view, ...change })}`;
}

/** The range the charts cover before any zoom: the custom range, or the preset ending at `end` or the newest data. */
export function rangeWindow(view: InstrumentView, newestDataMs: number | null, nowMs: number): Span {
  if (view.range) return view.range;
  const to = view.end ?? newestDataMs ?? nowMs;
  return { from: to - PRESETS[view.preset], to };
}

/** What the charts show: the zoom if any, else the range. */
export function chartWindow(view: InstrumentView, newestDataMs: number | null, nowMs: number): Span {
  return view.zoom ?? rangeWindow(view, newestDataMs, nowMs);
}
