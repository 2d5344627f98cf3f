// The NOTIFY that tells web servers a live feed moved. Deliberately tiny (PostgreSQL caps payloads at 8000
// bytes, and every listening connection receives every message): which instrument, what happened, and the
// newest journal id. Subscribers read the records themselves from live_records, after their own cursor.

export const LIVE_CHANNEL = 'fieldops_live';

export interface LiveNotice {
  instrumentId: string;
  /** `records`: new rows in live_records; `gap`: a gap was opened or settled; `state`: the poller's state changed. */
  kind: 'records' | 'gap' | 'state';
  /** For `records`: the newest live_records id written. */
  lastId?: number;
}

export function encodeNotice(notice: LiveNotice): string {
  return JSON.stringify({ i: notice.instrumentId, k: notice.kind, ...(notice.lastId !== undefined ? { id: notice.lastId } : {}) });
}

export function decodeNotice(payload: string | undefined): LiveNotice | null {
  if (!payload) return null;
  try {
    const raw = JSON.parse(payload) as { i?: unknown; k?: unknown; id?: unknown };
    if (typeof raw.i !== 'string' || (raw.k !== 'records' && raw.k !== 'gap' && raw.k !== 'state')) return null;
    return { instrumentId: raw.i, kind: raw.k, lastId: typeof raw.id === 'number' ? raw.id : undefined };
  } catch {
    return null;
  }
}
