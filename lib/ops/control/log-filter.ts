// The live log's filter, from the URL: ?component=worker&level=warn&lines=200. Anything else is refused with
// a message naming the parameter (the page shows it; the SSE route answers 400).
const LEVELS = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60 } as const;
export type LogLevelName = keyof typeof LEVELS;
export const LOG_LEVEL_NAMES = Object.keys(LEVELS) as LogLevelName[];

export const MAX_TAIL_LINES = 1000;
/** Longer lines are cut: one runaway log line must not stall every operator's stream. */
export const MAX_LINE_BYTES = 16 * 1024;

export interface LogFilter {
  component: string | null;
  minLevel: number;
  lines: number;
}

export type LogFilterResult = { ok: true; filter: LogFilter } | { ok: false; error: string };

export function parseLogFilter(params: URLSearchParams): LogFilterResult {
  const component = params.get('component') || null;
  if (component !== null && !/^[A-Za-z0-9@:_.-]{1,64}$/.test(component)) return { ok: false, error: 'component: letters, digits and @:_.- only, at most 64' };
  const level = params.get('level') || 'trace';
  if (!Object.hasOwn(LEVELS, level)) return { ok: false, error: `level: one of ${LOG_LEVEL_NAMES.join(', ')}` };
  const linesText = params.get('lines') ?? '200';
  const lines = /^\d{1,4}$/.test(linesText) ? Number(linesText) : NaN;
  if (!Number.isInteger(lines) || lines > MAX_TAIL_LINES) return { ok: false, error: `lines: a whole number from 0 to ${MAX_TAIL_LINES}` };
  return { ok: true, filter: { component, minLevel: LEVELS[level as LogLevelName], lines } };
}

export interface LogEntry {
  level: number;
  component: string;
  time?: string;
  msg?: string;
  [key: string]: unknown;
}

/** One line of fieldops.jsonl as an entry; a line that is not a pino object is kept as an info message. */
export function parseLogLine(line: string): LogEntry {
  const text = Buffer.byteLength(line) > MAX_LINE_BYTES ? `${line.slice(0, MAX_LINE_BYTES / 4)}… (line of ${Buffer.byteLength(line)} bytes cut)` : line;
  if (text === line && line.startsWith('{')) {
    try {
      const value = JSON.parse(line) as unknown;
      if (value && typeof value === 'object' && !Array.isArray(value)) {
        const entry = value as Record<string, unknown>;
        return { ...entry, level: typeof entry.level === 'number' ? entry.level : 30, component: typeof entry.component === 'string' ? entry.component : 'unknown' };
      }
    } catch {
      // not JSON: below
    }
  }
  return { level: 30, component: 'unknown', msg: text };
}

export function matchesFilter(entry: LogEntry, filter: LogFilter): boolean {
  return entry.level >= filter.minLevel && (filter.component === null || entry.component === filter.component);
}
