// What the poller needs from storage, as an interface so the loop can be read (and tested) on its own. The
// real implementation (./db-store.ts) writes PostgreSQL, the daily raw CSV and the NOTIFY in one go.
import type { LoggerRecord, TableHead } from './dataquery-response';
import type { GapWindow } from './gaps';

/** Where the feed left off: the newest record stored, in the numbering of its stream. */
export interface FeedCursor {
  streamId: number;
  signature: string;
  recordNo: number;
  timeMs: number;
}

export interface StreamRef {
  streamId: number;
  version: number;
  signature: string;
  head: TableHead;
}

export type FeedState = 'starting' | 'receiving' | 'retrying' | 'failed' | 'stopped';

export interface WriteBatch {
  stream: StreamRef;
  /** In record order, newer than the cursor, time stamps already corrected. */
  records: LoggerRecord[];
  corrections: number;
  /** An open gap this batch fills (its first `recovered` records), and whether the batch reaches its end. */
  gap?: { id: number; recovered: number; closes: boolean };
}

export interface LiveStore {
  loadCursor(): Promise<FeedCursor | null>;
  /** The stream for a table layout: the current version while the signature holds, else a new version. */
  streamFor(head: TableHead): Promise<StreamRef>;
  /** Stores records (database, raw CSV, NOTIFY) and moves the cursor to the last one. */
  writeRecords(batch: WriteBatch): Promise<{ inserted: number }>;
  /** Records a gap (or extends the one an interrupted backfill left open) and returns its id. */
  openGap(streamId: number, gap: GapWindow): Promise<number>;
  /** Marks the gap filled when everything missing was recovered. */
  settleGap(id: number): Promise<{ filled: boolean }>;
  reportState(state: FeedState, detail?: { error?: string; consecutiveFailures?: number }): Promise<void>;
}
