// Query parameters of GET /api/v1/files; a bad one is a 400 naming it.
import { fileState, type FileState } from '../../db/schema';
import { parseApiTime } from './api-time';
import { ParamError, quoteInput } from './data-params';

export const MAX_FILES_PER_PAGE = 5000;
const KNOWN = new Set(['instrument', 'from', 'to', 'state', 'limit', 'after']);

export interface FileParams {
  instrument: string | null;
  from: Date | null;
  to: Date | null;
  state: FileState | null;
  limit: number;
  after: number;
}

export function parseFileParams(search: URLSearchParams, now = new Date()): FileParams {
  for (const key of search.keys()) {
    if (!KNOWN.has(key)) throw new ParamError(key.slice(0, 40), `unknown parameter; use ${[...KNOWN].join(', ')}`);
    if (search.getAll(key).length > 1) throw new ParamError(key, 'given more than once');
  }
  const instrument = search.get('instrument')?.trim() || null;
  if (instrument !== null && instrument.length > 200) throw new ParamError('instrument', 'too long');
  const time = (name: string) => {
    const text = search.get(name);
    if (text === null || text.trim() === '') return null;
    const parsed = parseApiTime(text, now);
    if (typeof parsed === 'string') throw new ParamError(name, `${quoteInput(text)}: ${parsed}`);
    return parsed;
  };
  const from = time('from');
  const to = time('to');
  if (from && to && from >= to) throw new ParamError('from', 'must be before to');
  const stateText = search.get('state');
  if (stateText && !(fileState.enumValues as readonly string[]).includes(stateText)) {
    throw new ParamError('state', `${quoteInput(stateText)} is not one of ${fileState.enumValues.join(', ')}`);
  }
  return {
    instrument,
    from,
    to,
    state: (stateText || null) as FileState | null,
    limit: positiveInteger(search, 'limit', 1000, MAX_FILES_PER_PAGE),
    after: positiveInteger(search, 'after', 0, Number.MAX_SAFE_INTEGER),
  };
}

/** A whole number in [0, max] (limit: [1, max]). */
export function positiveInteger(search: URLSearchParams, name: string, fallback: number, max: number): number {
  const text = search.get(name);
  if (text === null || text === '') return fallback;
  if (!/^\d{1,16}$/.test(text)) throw new ParamError(name, `${quoteInput(text)} is not a whole number`);
  const value = Number(text);
  const min = name === 'limit' ? 1 : 0;
  if (value < min || value > max) throw new ParamError(name, `must be between ${min} and ${max}`);
  return value;
}
