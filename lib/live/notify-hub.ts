// One LISTEN connection per web process, fanned out in-process: however many browsers watch live feeds,
// a web server holds a single extra PostgreSQL connection for them. If that connection drops it comes back
// with backoff, and every subscriber is told to resync (read from its cursor), since NOTIFYs sent while it
// was away are lost.
import pg from 'pg';
import { decodeNotice, LIVE_CHANNEL, type LiveNotice } from './notify';

export interface HubSubscriber {
  onNotice(notice: LiveNotice): void;
  /** The connection was (re)established: anything may have been missed. */
  onResync(): void;
}

const MIN_RETRY_MS = 500;
const MAX_RETRY_MS = 15_000;

export class NotifyHub {
  private client: pg.Client | null = null;
  private connecting: Promise<void> | null = null;
  private retryMs = MIN_RETRY_MS;
  private retryTimer: NodeJS.Timeout | null = null;
  private closed = false;
  private readonly subscribers = new Map<string, Set<HubSubscriber>>();

  constructor(private readonly connectionString: string) {}

  get connected(): boolean {
    return this.client !== null;
  }

  subscriberCount(): number {
    let n = 0;
    for (const set of this.subscribers.values()) n += set.size;
    return n;
  }

  subscribe(instrumentId: string, subscriber: HubSubscriber): () => void {
    const set = this.subscribers.get(instrumentId) ?? new Set();
    set.add(subscriber);
    this.subscribers.set(instrumentId, set);
    void this.ensureConnected();
    return () => {
      set.delete(subscriber);
      if (set.size === 0) this.subscribers.delete(instrumentId);
    };
  }

  /** Resolves once LISTEN is in place (a subscriber that must not miss the next NOTIFY can await it). */
  ensureConnected(): Promise<void> {
    if (this.client || this.closed) return Promise.resolve();
    this.connecting ??= this.connect().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.connectionString, application_name: 'fieldops-live-listen', keepAlive: true });
    client.on('notification', (message) => {
      const notice = message.channel === LIVE_CHANNEL ? decodeNotice(message.payload) : null;
      if (notice) this.each(notice.instrumentId, (s) => s.onNotice(notice));
    });
    const lost = () => this.connectionLost(client);
    client.on('error', lost);
    client.on('end', lost);
    try {
      await client.connect();
      await client.query(`LISTEN ${LIVE_CHANNEL}`);
    } catch {
      lost();
      return;
    }
    this.client = client;
    this.retryMs = MIN_RETRY_MS;
    for (const id of this.subscribers.keys()) this.each(id, (s) => s.onResync());
  }

  private connectionLost(client: pg.Client): void {
    client.removeAllListeners('end');
    client.on('error', () => {});
    client.end().catch(() => {});
    if (this.client === client) this.client = null;
    if (this.closed || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.ensureConnected();
    }, this.retryMs);
    this.retryTimer.unref();
    this.retryMs = Math.min(MAX_RETRY_MS, this.retryMs * 2);
  }

  private each(instrumentId: string, fn: (s: HubSubscriber) => void): void {
    for (const subscriber of this.subscribers.get(instrumentId) ?? []) {
      try {
        fn(subscriber);
      } catch {
        // One broken subscriber must not starve the others.
      }
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = null;
    if (client) {
      client.removeAllListeners('end');
      await client.end().catch(() => {});
    }
  }
}

const globalForHub = globalThis as unknown as { fieldopsNotifyHub?: NotifyHub };

/** The process's hub (created on first use, on DATABASE_URL). */
export function getNotifyHub(connectionString: string): NotifyHub {
  globalForHub.fieldopsNotifyHub ??= new NotifyHub(connectionString);
  return globalForHub.fieldopsNotifyHub;
}
