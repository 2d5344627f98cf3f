// Keeps the database in step with one logger table, one request at a time. Two moves:
// - resume (at start and after any failure): ask for the newest record to see what was missed; a jump in
//   record numbers opens a gap that the following since-record pages fill, oldest first, so the raw CSV and
//   the feed stay in time order and an interrupted backfill simply continues from the cursor;
// - poll: since-record from the cursor, following `more: true`.
// When record numbers stop meaning what they meant (a program change, a reset table) the missing span is
// fetched by time with date-range instead; date-range is also the last try for records gone from the ring.
import type { DataQuery, DataQueryClient } from './dataquery-client';
import type { DataQueryAnswer, LoggerRecord } from './dataquery-response';
import { type GapWindow, recordGap, timeGap } from './gaps';
import type { FeedCursor, LiveStore, StreamRef } from './store';
import { correctRepeatedTimestamps } from './timestamps';

/** Empty since-record answers in a row after which the newest record is checked (a reset table answers nothing). */
const EMPTY_POLLS_BEFORE_CHECK = 5;

export interface SyncCounts {
  records: number;
  gaps: number;
  corrections: number;
}

const byRecordNo = (records: LoggerRecord[]) => [...records].sort((a, b) => a.no - b.no || a.timeMs - b.timeMs);

export class FeedSync {
  private cursor: FeedCursor | null = null;
  private stream: StreamRef | null = null;
  private activeGap: { id: number; toRecord: number } | null = null;
  private emptyPolls = 0;
  readonly counts: SyncCounts = { records: 0, gaps: 0, corrections: 0 };

  constructor(
    private readonly client: DataQueryClient,
    private readonly store: LiveStore,
    private readonly intervalMs: number,
    private readonly signal: AbortSignal,
  ) {}

  async load(): Promise<void> {
    this.cursor = await this.store.loadCursor();
  }

  async resume(): Promise<void> {
    const answer = await this.query({ mode: 'most-recent', count: 1 });
    this.stream = await this.store.streamFor(answer.head);
    const edge = byRecordNo(answer.records).at(-1);
    const cursor = this.cursor;
    if (!edge) return;
    if (!cursor) return this.write([edge]);
    if (this.stream.streamId !== cursor.streamId || edge.no < cursor.recordNo) return this.resyncByTime(edge);
    const gap = recordGap({ no: cursor.recordNo, timeMs: cursor.timeMs }, edge, this.intervalMs);
    if (gap) this.activeGap = { id: await this.openGap(gap), toRecord: gap.toRecord! };
  }

  /** One since-record request; true when the logger has more for us right away. */
  async poll(): Promise<boolean> {
    const cursor = this.cursor;
    const stream = this.stream;
    if (!cursor || !stream) {
      await this.resume();
      return false;
    }
    const answer = await this.query({ mode: 'since-record', recordNo: cursor.recordNo + 1 });
    if (answer.head.signature !== stream.signature) {
      await this.resume();
      return true;
    }
    const fresh = byRecordNo(answer.records).filter((r) => r.no > cursor.recordNo);
    if (fresh.length === 0) {
      this.emptyPolls += 1;
      if (this.emptyPolls >= EMPTY_POLLS_BEFORE_CHECK) {
        this.emptyPolls = 0;
        await this.resume();
      }
      return false;
    }
    this.emptyPolls = 0;
    await this.noteHoles(cursor, fresh);
    await this.write(fresh);
    return answer.more;
  }

  /** Gaps between the cursor and a page, and inside the page. Only the first can still be recovered. */
  private async noteHoles(cursor: FeedCursor, fresh: LoggerRecord[]): Promise<void> {
    let previous = { no: cursor.recordNo, timeMs: cursor.timeMs };
    for (const [i, record] of fresh.entries()) {
      const lost = recordGap(previous, record, this.intervalMs);
      if (lost && i === 0) await this.recoverGone(lost, record);
      else if (lost) await this.recordUnfilled(lost);
      else {
        const hole = timeGap(previous.timeMs, record.timeMs, this.intervalMs);
        if (hole) await this.recordUnfilled(hole);
      }
      previous = record;
    }
  }

  /** Records the ring no longer holds by number: one date-range try for their time span. */
  private async recoverGone(lost: GapWindow, next: LoggerRecord): Promise<void> {
    const inActiveGap = this.activeGap !== null && lost.toRecord! <= this.activeGap.toRecord;
    const id = inActiveGap ? this.activeGap!.id : await this.openGap(lost);
    const found = (await this.fetchByTime(this.cursor!.timeMs + 1, next.timeMs)).filter(
      (r) => r.no >= lost.fromRecord! && r.no <= lost.toRecord!,
    );
    if (found.length > 0) await this.write(found, inActiveGap ? undefined : { id, toRecord: lost.toRecord! });
    if (!inActiveGap && found.at(-1)?.no !== lost.toRecord) await this.store.settleGap(id);
  }

  private async recordUnfilled(gap: GapWindow): Promise<void> {
    if (gap.fromRecord !== null && this.activeGap && gap.toRecord! <= this.activeGap.toRecord) return;
    await this.store.settleGap(await this.openGap(gap));
  }

  /** The logger's numbering changed under us: fetch what it holds since our cursor by time. */
  private async resyncByTime(edge: LoggerRecord): Promise<void> {
    const cursor = this.cursor!;
    this.activeGap = null;
    const found = await this.fetchByTime(cursor.timeMs + 1, edge.timeMs + 1);
    const records = byRecordNo(found.length > 0 ? found : [edge]);
    const hole = timeGap(cursor.timeMs, records[0]!.timeMs, this.intervalMs);
    if (hole) await this.recordUnfilled(hole);
    await this.write(records);
  }

  private async fetchByTime(fromMs: number, toMs: number): Promise<LoggerRecord[]> {
    const out: LoggerRecord[] = [];
    let p1 = fromMs;
    let lastNo = -1;
    while (p1 < toMs) {
      const answer = await this.query({ mode: 'date-range', fromMs: p1, toMs });
      if (answer.head.signature !== this.stream!.signature) break;
      const page = byRecordNo(answer.records).filter((r) => r.no > lastNo);
      out.push(...page);
      if (!answer.more || page.length === 0) break;
      lastNo = page.at(-1)!.no;
      p1 = page.at(-1)!.timeMs;
    }
    return out;
  }

  private async openGap(gap: GapWindow): Promise<number> {
    this.counts.gaps += 1;
    return this.store.openGap(this.stream!.streamId, gap);
  }

  private async write(records: LoggerRecord[], gapOverride?: { id: number; toRecord: number }): Promise<void> {
    const stream = this.stream!;
    const { records: corrected, corrections } = correctRepeatedTimestamps(this.cursor?.timeMs ?? null, records, this.intervalMs);
    const gap = gapOverride ?? this.activeGap;
    const last = corrected.at(-1)!;
    // A gap being filled by this batch is settled in the same transaction as its last records.
    const gapWrite = gap ? { id: gap.id, recovered: corrected.filter((r) => r.no <= gap.toRecord).length, closes: last.no >= gap.toRecord } : undefined;
    await this.store.writeRecords({ stream, records: corrected, corrections, gap: gapWrite });
    this.cursor = { streamId: stream.streamId, signature: stream.signature, recordNo: last.no, timeMs: last.timeMs };
    this.counts.records += corrected.length;
    this.counts.corrections += corrections;
    if (gapWrite?.closes && gap === this.activeGap) this.activeGap = null;
  }

  private query(query: DataQuery): Promise<DataQueryAnswer> {
    return this.client.query(query, this.signal);
  }
}
