// The query parameters of GET /api/v1/instruments/{id}/data, checked before any query runs. A bad one is a
// 400 whose message starts with the parameter's name.
import { parseApiTime } from './api-time';

export const EVERY_SECONDS = { raw: 0, '1s': 1, '1m': 60, '10m': 600, '1h': 3600, '1d': 86_400 } as const;
export type Every = keyof typeof EVERY_SECONDS;
export const AGGREGATES = ['mean', 'min', 'max', 'last'] as const;
export type Aggregate = (typeof AGGREGATES)[number];
export const FORMATS = ['csv', 'json', 'ndjson', 'nc'] as const;
export type ExportFormat = (typeof FORMATS)[number];

export const MAX_VARS_PER_REQUEST = 200;
const KNOWN = new Set(['vars', 'start', 'end', 'every', 'agg', 'format']);
const DEFAULT_SPAN_MS = 86_400_000;

export interface DataParams {
  /** Requested variable names in order, or null for every scalar variable of the instrument. */
  vars: string[] | null;
  start: Date;
  end: Date;
  every: Every;
  agg: Aggregate;
  format: ExportFormat;
}

export class ParamError extends Error {
  constructor(readonly param: string, message: string) {
    super(`${param}: ${message}`);
  }
}

/** Quotes user input for an error message: bounded, and with control characters escaped. */
export function quoteInput(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);
}

export function parseDataParams(search: URLSearchParams, now = new Date()): DataParams {
  for (const key of search.keys()) {
    if (!KNOWN.has(key)) throw new ParamError(key.slice(0, 40), `unknown parameter; use ${[...KNOWN].join(', ')}`);
    if (search.getAll(key).length > 1) throw new ParamError(key, 'given more than once');
  }
  const vars = parseVars(search.get('vars'));
  const end = timeParam(search, 'end', now) ?? now;
  const start = timeParam(search, 'start', now) ?? new Date(end.getTime() - DEFAULT_SPAN_MS);
  if (start.getTime() >= end.getTime()) throw new ParamError('start', `must be before end (${end.toISOString()})`);
  return {
    vars,
    start,
    end,
    every: oneOf(search, 'every', Object.keys(EVERY_SECONDS) as Every[], 'raw'),
    agg: oneOf(search, 'agg', AGGREGATES, 'mean'),
    format: oneOf(search, 'format', FORMATS, 'csv'),
  };
}

function parseVars(text: string | null): string[] | null {
  if (text === null || text.trim() === '') return null;
  const names = text.split(',').map((n) => n.trim());
  if (names.some((n) => n === '')) throw new ParamError('vars', 'an empty name in the list (two commas, or a trailing comma)');
  const unique = [...new Set(names)];
  if (unique.length > MAX_VARS_PER_REQUEST) throw new ParamError('vars', `at most ${MAX_VARS_PER_REQUEST} variables per request`);
  const long = unique.find((n) => n.length > 200);
  if (long) throw new ParamError('vars', `name too long: ${quoteInput(long)}`);
  return unique;
}

function timeParam(search: URLSearchParams, name: string, now: Date): Date | null {
  const text = search.get(name);
  if (text === null || text.trim() === '') return null;
  const parsed = parseApiTime(text, now);
  if (typeof parsed === 'string') throw new ParamError(name, `${quoteInput(text)}: ${parsed}`);
  return parsed;
}

function oneOf<T extends string>(search: URLSearchParams, name: string, allowed: readonly T[], fallback: T): T {
  const text = search.get(name);
  if (text === null || text === '') return fallback;
  if (!(allowed as readonly string[]).includes(text)) throw new ParamError(name, `${quoteInput(text)} is not one of ${allowed.join(', ')}`);
  return text as T;
}
