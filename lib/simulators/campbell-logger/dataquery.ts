// The DataQuery command against a simulated table, with the modes a real Campbell logger offers. Ranges
// are chosen the way the Web API documents them: since-record starts at the oldest record still held when
// the asked-for one has fallen off; date-range is half-open [p1, p2); backfill is "the last p1 seconds".
import type { LoggerRecord, LoggerTable } from './table';

export const DATAQUERY_MODES = ['most-recent', 'since-record', 'since-time', 'date-range', 'backfill'] as const;
export type DataQueryMode = (typeof DATAQUERY_MODES)[number];

export interface DataQueryRequest {
  table: string;
  mode: DataQueryMode;
  p1?: string;
  p2?: string;
}

export type DataQueryOutcome =
  | { ok: true; records: LoggerRecord[]; more: boolean }
  | { ok: false; description: string };

const LOGGER_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2}(?:\.\d+)?)$/;

/** Logger time text (the simulator's clock is UTC) → ms. */
export function parseLoggerTime(text: string): number | null {
  const m = LOGGER_TIME.exec(text.trim());
  if (!m) return null;
  const seconds = Number(m[6]);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5])) + Math.round(seconds * 1000);
}

export function formatLoggerTime(ms: number, separator: 'T' | ' ' = 'T'): string {
  const iso = new Date(ms).toISOString();
  const fraction = ms % 1000 === 0 ? '' : iso.slice(19, 23);
  return `${iso.slice(0, 10)}${separator}${iso.slice(11, 19)}${fraction}`;
}

export function runDataQuery(table: LoggerTable, request: DataQueryRequest, nowMs: number, maxRecords: number): DataQueryOutcome {
  if (request.table !== table.name) return { ok: false, description: `The table '${request.table}' does not exist` };
  table.sync();
  const ring = table.ring;
  const page = (from: number, to: number): DataQueryOutcome => {
    const end = Math.min(to, from + maxRecords);
    return { ok: true, records: ring.slice(from, end), more: end < to };
  };
  const byTime = (ms: number) => ring.lowerBound((r) => r.timeMs >= ms);

  switch (request.mode) {
    case 'most-recent': {
      const count = Number(request.p1 ?? 1);
      if (!Number.isInteger(count) || count < 1) return { ok: false, description: `most-recent needs p1 = a record count, got '${request.p1}'` };
      const n = Math.min(count, maxRecords);
      return { ok: true, records: ring.slice(ring.size - n, ring.size), more: false };
    }
    case 'since-record': {
      const no = Number(request.p1);
      if (!Number.isInteger(no) || no < 0) return { ok: false, description: `since-record needs p1 = a record number, got '${request.p1}'` };
      return page(ring.lowerBound((r) => r.no >= no), ring.size);
    }
    case 'since-time': {
      const from = parseLoggerTime(request.p1 ?? '');
      if (from === null) return { ok: false, description: `since-time needs p1 = YYYY-MM-DDTHH:MM:SS, got '${request.p1}'` };
      return page(byTime(from), ring.size);
    }
    case 'date-range': {
      const from = parseLoggerTime(request.p1 ?? '');
      const to = parseLoggerTime(request.p2 ?? '');
      if (from === null || to === null) return { ok: false, description: `date-range needs p1 and p2 = YYYY-MM-DDTHH:MM:SS` };
      return page(byTime(from), byTime(to));
    }
    case 'backfill': {
      const seconds = Number(request.p1);
      if (!Number.isFinite(seconds) || seconds <= 0) return { ok: false, description: `backfill needs p1 = a number of seconds, got '${request.p1}'` };
      return page(byTime(nowMs - seconds * 1000), ring.size);
    }
  }
}
