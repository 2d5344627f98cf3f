'use client';
// The browser end of /api/live/<instrument>: an EventSource that resumes after the last record it has
// (Last-Event-ID on the browser's own reconnects; ?after= when it has to open a new one), records merged
// in time order, and the connection's state for the status dot.
import { useEffect, useState } from 'react';
import { mergeRecords } from '@/lib/live/feed-metrics';
import type { FeedHealthDto, LiveRecordDto } from '@/lib/live/feed-types';

export type Connection = 'connecting' | 'open' | 'lost';

const KEEP_MS = 2 * 3600_000;
const REOPEN_DELAY_MS = 3000;

export interface LiveFeed {
  records: LiveRecordDto[];
  connection: Connection;
  /** Browser time the last record event arrived (ms). */
  lastArrival: number;
  health: FeedHealthDto;
}

export function useLiveFeed(options: { instrumentId: string; initialRecords: LiveRecordDto[]; lastId: number;
  initialHealth: FeedHealthDto; initialArrival: number }): LiveFeed {
  const [records, setRecords] = useState(options.initialRecords);
  const [connection, setConnection] = useState<Connection>('connecting');
  const [lastArrival, setLastArrival] = useState(options.initialArrival);
  const [health, setHealth] = useState(options.initialHealth);
  const { instrumentId } = options;
  const [startId] = useState(options.lastId);

  useEffect(() => {
    let source: EventSource | null = null;
    let reopen: ReturnType<typeof setTimeout> | undefined;
    let flush: ReturnType<typeof setTimeout> | undefined;
    let lastId = startId;
    let pending: LiveRecordDto[] = [];

    // A catch-up after a reconnect delivers many records at once: render them together.
    const flushSoon = () => {
      flush ??= setTimeout(() => {
        flush = undefined;
        const batch = pending;
        pending = [];
        setRecords((current) => {
          const newest = Math.max(current.at(-1)?.t ?? 0, ...batch.map((r) => r.t));
          return mergeRecords(current, batch, newest - KEEP_MS);
        });
      }, 50);
    };

    const open = () => {
      const es = new EventSource(`/api/live/${encodeURIComponent(instrumentId)}?after=${lastId}`);
      source = es;
      es.onopen = () => setConnection('open');
      es.addEventListener('record', (event) => {
        const record = JSON.parse((event as MessageEvent<string>).data) as LiveRecordDto;
        lastId = Math.max(lastId, record.id);
        pending.push(record);
        setLastArrival(Date.now());
        setConnection('open');
        flushSoon();
      });
      es.addEventListener('health', (event) => setHealth(JSON.parse((event as MessageEvent<string>).data) as FeedHealthDto));
      es.addEventListener('reset', () => window.location.reload());
      es.onerror = () => {
        setConnection('lost');
        // The browser retries by itself after a dropped connection; after an HTTP error it gives up, so we do.
        if (es.readyState === EventSource.CLOSED) {
          es.close();
          reopen = setTimeout(open, REOPEN_DELAY_MS);
        }
      };
    };
    open();
    return () => {
      source?.close();
      clearTimeout(reopen);
      clearTimeout(flush);
    };
  }, [instrumentId, startId]);

  return { records, connection, lastArrival, health };
}
