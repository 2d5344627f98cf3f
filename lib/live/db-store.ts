// The poller's storage: PostgreSQL (journal, observations, cursor, gaps), the daily raw CSV and the NOTIFY,
// every record write fenced by the poller's lease.
import type { Database } from '../../db/client';
import {
  ensureSignedStream, loadFeedCursor, openFeedGap, reportFeedState, settleFeedGap, writeFeedRecords,
} from '../../db/queries/live-feed';
import type { LeaseGrant } from '../../db/queries/leases';
import type { TableHead } from './dataquery-response';
import { RawCsvWriter } from './raw-csv';
import type { LiveStore, StreamRef } from './store';

/** Records per transaction: bounds a long backfill's locks and memory. */
const WRITE_CHUNK = 1000;

export interface DbStoreOptions {
  db: Database;
  instrumentId: string;
  /** The logger table (config `logger.table`), which names the stream. */
  tableName: string;
  /** <data>/raw */
  rawDir: string;
  lease: LeaseGrant;
}

export function createDbLiveStore(options: DbStoreOptions): LiveStore {
  const { db, instrumentId, lease } = options;
  const csv = RawCsvWriter.forInstrument(options.rawDir, instrumentId);
  const streams = new Map<number, { version: number; fieldNames: string[]; variableIds: number[] }>();

  async function resolve(head: TableHead): Promise<StreamRef> {
    const stream = await ensureSignedStream(db, instrumentId, options.tableName, head.signature, head.fields);
    streams.set(stream.streamId, { version: stream.version, fieldNames: head.fields.map((f) => f.name), variableIds: stream.variableIds });
    return { streamId: stream.streamId, version: stream.version, signature: head.signature, head };
  }

  return {
    loadCursor: () => loadFeedCursor(db, instrumentId),
    streamFor: resolve,
    async writeRecords(batch) {
      const stream = streams.get(batch.stream.streamId) ?? (await resolve(batch.stream.head), streams.get(batch.stream.streamId)!);
      let inserted = 0;
      for (let start = 0; start < batch.records.length; start += WRITE_CHUNK) {
        const records = batch.records.slice(start, start + WRITE_CHUNK);
        const first = start === 0;
        // Gap records come first in a batch (it is in record order and the gap ends before the rest).
        const recovered = batch.gap ? Math.max(0, Math.min(records.length, batch.gap.recovered - start)) : 0;
        const result = await writeFeedRecords(db, {
          instrumentId, streamId: batch.stream.streamId, signature: batch.stream.signature, fieldNames: stream.fieldNames,
          variableIds: stream.variableIds, records, corrections: first ? batch.corrections : 0, lease,
          gap: batch.gap ? { id: batch.gap.id, recovered, closes: batch.gap.closes && start + WRITE_CHUNK >= batch.records.length } : undefined,
        }, async (fresh) => {
          if (fresh.length > 0) await csv.append(stream.fieldNames, stream.version, fresh);
        });
        inserted += result.inserted.length;
      }
      return { inserted };
    },
    openGap: (streamId, gap) => openFeedGap(db, instrumentId, streamId, gap),
    settleGap: (id) => settleFeedGap(db, id),
    reportState: (state, detail) => reportFeedState(db, instrumentId, state, { ...detail, holder: lease.holder }),
  };
}
