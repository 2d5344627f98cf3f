// Per instrument and web process: one reader of new journal rows shared by every browser watching it.
// A NOTIFY makes the channel read the rows after its own cursor once and hand the same batch to all of its
// listeners, so 500 viewers of one feed cost one query per record, not 500. A listener that is behind the
// batch (it connected mid-way or is still catching up) reads for itself instead.
import type { FeedHealthDto, LiveRecordDto } from './feed-types';
import type { HubSubscriber, NotifyHub } from './notify-hub';
import type { LiveNotice } from './notify';

export interface FeedReader {
  recordsAfter(instrumentId: string, afterId: number, limit: number): Promise<LiveRecordDto[]>;
  health(instrumentId: string): Promise<FeedHealthDto>;
  latestId(instrumentId: string): Promise<number>;
}

export interface RecordBatch {
  /** The batch holds every row after this id (up to its last). */
  afterId: number;
  records: LiveRecordDto[];
}

export interface ChannelListener {
  onRecords(batch: RecordBatch): void;
  onHealth(health: FeedHealthDto): void;
  /** Notices may have been lost: read from your own cursor. */
  onResync(): void;
}

const BATCH = 1000;

class FeedChannel implements HubSubscriber {
  readonly listeners = new Set<ChannelListener>();
  private lastId = 0;
  private readonly ready: Promise<void>;
  private pulling: Promise<void> | null = null;
  private pullAgain = false;
  unsubscribe: () => void = () => {};

  constructor(private readonly instrumentId: string, private readonly reader: FeedReader) {
    this.ready = reader.latestId(instrumentId).then((id) => {
      this.lastId = id;
    }, () => {});
  }

  onNotice(notice: LiveNotice): void {
    if (notice.kind === 'records') {
      if (notice.lastId === undefined || notice.lastId > this.lastId) this.pull();
    } else {
      void this.reader.health(this.instrumentId).then((health) => this.listeners.forEach((l) => l.onHealth(health)), () => {});
    }
  }

  onResync(): void {
    this.listeners.forEach((l) => l.onResync());
    this.pull();
  }

  private pull(): void {
    if (this.pulling) {
      this.pullAgain = true;
      return;
    }
    this.pulling = (async () => {
      await this.ready;
      do {
        this.pullAgain = false;
        const afterId = this.lastId;
        const records = await this.reader.recordsAfter(this.instrumentId, afterId, BATCH);
        if (records.length === 0) continue;
        this.lastId = records.at(-1)!.id;
        this.listeners.forEach((l) => l.onRecords({ afterId, records }));
        if (records.length === BATCH) this.pullAgain = true;
      } while (this.pullAgain);
    })()
      .catch(() => this.listeners.forEach((l) => l.onResync()))
      .finally(() => {
        this.pulling = null;
      });
  }
}

/** The channels of one web process, created on a feed's first viewer and dropped after its last. */
export class FeedChannels {
  private readonly channels = new Map<string, FeedChannel>();

  constructor(private readonly hub: NotifyHub, private readonly reader: FeedReader) {}

  listen(instrumentId: string, listener: ChannelListener): () => void {
    let channel = this.channels.get(instrumentId);
    if (!channel) {
      const created = new FeedChannel(instrumentId, this.reader);
      created.unsubscribe = this.hub.subscribe(instrumentId, created);
      this.channels.set(instrumentId, created);
      channel = created;
    }
    const active = channel;
    active.listeners.add(listener);
    return () => {
      active.listeners.delete(listener);
      if (active.listeners.size === 0 && this.channels.get(instrumentId) === active) {
        active.unsubscribe();
        this.channels.delete(instrumentId);
      }
    };
  }

  /** LISTEN is in place (so a NOTIFY sent after this resolves reaches the channel). */
  whenListening(): Promise<void> {
    return this.hub.ensureConnected();
  }
}
