// Strict validation of the series route's query string: every problem comes back as a message that names
// the parameter, and nothing reaches the database before it passed.
import { MAX_POINTS } from './bucket-width';
import { DOWNSAMPLE_METHODS, type DownsampleMethod } from './types';
import { MAX_WINDOW_MS, parseTime } from './view-state';

export interface SeriesParams {
  vars: number[];
  from: Date;
  to: Date;
  method: DownsampleMethod;
  maxPoints: number;
}

export const MAX_SERIES_VARS = 12;
const KNOWN = new Set(['vars', 'from', 'to', 'method', 'maxPoints']);

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

export function parseSeriesParams(params: URLSearchParams): Parsed<SeriesParams> {
  for (const key of new Set(params.keys())) {
    const shown = key.length > 40 ? `${key.slice(0, 40)}…` : key;
    if (!KNOWN.has(key)) return fail(`${shown}: unknown parameter (expected vars, from, to, method, maxPoints)`);
    if (params.getAll(key).length > 1) return fail(`${shown}: given more than once`);
  }
  const varsText = params.get('vars');
  if (!varsText) return fail('vars: required, a comma-separated list of variable ids');
  if (varsText.length > 200) return fail('vars: too long');
  const parts = varsText.split(',');
  if (parts.some((p) => !/^[1-9]\d{0,8}$/.test(p))) return fail('vars: each id must be a positive integer');
  const vars = [...new Set(parts.map(Number))];
  if (vars.length > MAX_SERIES_VARS) return fail(`vars: at most ${MAX_SERIES_VARS} variables per request`);

  const from = parseTime(params.get('from'));
  if (from === null) return fail('from: required, an ISO 8601 time (e.g. 2026-11-20T00:00:00Z) or epoch milliseconds');
  const to = parseTime(params.get('to'));
  if (to === null) return fail('to: required, an ISO 8601 time (e.g. 2026-11-21T00:00:00Z) or epoch milliseconds');
  if (to <= from) return fail('to: must be after from');
  if (to - from > MAX_WINDOW_MS) return fail('to: the range may span at most 3,660 days');

  const method = DOWNSAMPLE_METHODS.find((m) => m === (params.get('method') ?? 'envelope'));
  if (!method) return fail(`method: ${DOWNSAMPLE_METHODS.join(' or ')}`);
  const maxText = params.get('maxPoints');
  const maxPoints = maxText === null ? MAX_POINTS : /^\d{1,5}$/.test(maxText) ? Number(maxText) : NaN;
  if (!(maxPoints >= 10 && maxPoints <= MAX_POINTS)) return fail(`maxPoints: an integer from 10 to ${MAX_POINTS}`);
  return { ok: true, value: { vars, from: new Date(from), to: new Date(to), method, maxPoints } };
}

function fail(message: string): { ok: false; message: string } {
  return { ok: false, message };
}
