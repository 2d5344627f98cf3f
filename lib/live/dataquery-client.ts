// Asks a Campbell logger (or the simulator) for records over its HTTP Web API. Every way a request can go
// wrong becomes an Error whose message says what happened in terms an operator can act on.
import { type DataQueryAnswer, parseDataQueryAnswer } from './dataquery-response';
import { utcMsToLoggerTime } from './logger-time';

export type DataQuery =
  | { mode: 'most-recent'; count: number }
  | { mode: 'since-record'; recordNo: number }
  | { mode: 'date-range'; fromMs: number; toMs: number };

export interface LoggerSettings {
  url: string;
  table: string;
  username?: string;
  password?: string;
  /** The logger clock's zone. */
  timezone: string;
}

export type FetchLike = (url: string, init: { headers: Record<string, string>; signal: AbortSignal }) => Promise<Response>;

export class LoggerUnreachableError extends Error {}
export class LoggerHttpError extends Error {
  constructor(message: string, readonly status: number) {
    super(message);
  }
}

export function dataQueryUrl(logger: LoggerSettings, query: DataQuery): string {
  const url = new URL(logger.url);
  const params = url.searchParams;
  params.set('command', 'DataQuery');
  params.set('uri', `dl:${logger.table}`);
  params.set('format', 'json');
  params.set('mode', query.mode);
  if (query.mode === 'most-recent') params.set('p1', String(query.count));
  if (query.mode === 'since-record') params.set('p1', String(query.recordNo));
  if (query.mode === 'date-range') {
    params.set('p1', utcMsToLoggerTime(query.fromMs, logger.timezone));
    params.set('p2', utcMsToLoggerTime(query.toMs, logger.timezone));
  }
  return url.toString();
}

export interface DataQueryClient {
  query(query: DataQuery, signal?: AbortSignal): Promise<DataQueryAnswer>;
}

export function createDataQueryClient(logger: LoggerSettings, options: { fetch?: FetchLike; timeoutMs?: number } = {}): DataQueryClient {
  const doFetch: FetchLike = options.fetch ?? ((url, init) => fetch(url, init));
  const timeoutMs = options.timeoutMs ?? 15_000;
  const headers: Record<string, string> = { accept: 'application/json' };
  if (logger.username !== undefined) {
    headers.authorization = `Basic ${Buffer.from(`${logger.username}:${logger.password ?? ''}`).toString('base64')}`;
  }
  const where = `${new URL(logger.url).origin} table ${logger.table}`;

  return {
    async query(query, signal) {
      const url = dataQueryUrl(logger, query);
      const what = `${where} (${query.mode})`;
      const timeout = AbortSignal.timeout(timeoutMs);
      const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
      let response: Response;
      let text: string;
      try {
        response = await doFetch(url, { headers, signal: combined });
        text = await response.text();
      } catch (error) {
        if (signal?.aborted) throw error;
        const reason = timeout.aborted ? `no answer within ${timeoutMs / 1000} s` : describeNetworkError(error);
        throw new LoggerUnreachableError(`${what}: logger unreachable: ${reason}`);
      }
      if (response.status === 401) throw new LoggerHttpError(`${what}: HTTP 401: the logger wants a username and password (logger.username/password)`, 401);
      if (!response.ok) throw new LoggerHttpError(`${what}: HTTP ${response.status} ${response.statusText}`.trim(), response.status);
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        throw new LoggerHttpError(`${what}: the answer is not JSON (starts with ${JSON.stringify(text.slice(0, 40))})`, response.status);
      }
      return parseDataQueryAnswer(body, logger.timezone, what);
    },
  };
}

function describeNetworkError(error: unknown): string {
  const err = error as Error & { cause?: { code?: string; message?: string } };
  const cause = err.cause;
  if (cause?.code) return `${cause.code}${cause.message ? ` (${cause.message})` : ''}`;
  return cause?.message ?? err.message ?? String(error);
}
