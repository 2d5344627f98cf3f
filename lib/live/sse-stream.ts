// One browser's Server-Sent Events stream of a live feed: the records after its cursor (Last-Event-ID or
// the page's preload), then one `record` event per new record as the feed's channel brings them, `health`
// events when gaps or the poller's state change, and a keep-alive comment every 15 s so proxies keep the
// connection open. Event ids are journal ids: a reconnect resumes exactly where the browser left off.
import type { ChannelListener, FeedChannels, FeedReader, RecordBatch } from './feed-channel';
import type { FeedHealthDto, LiveRecordDto } from './feed-types';

export interface LiveStreamOptions {
  instrumentId: string;
  /** Send records after this journal id; null: only records from now on. */
  cursor: number | null;
  reader: FeedReader;
  channels: FeedChannels;
  signal: AbortSignal;
  keepAliveMs?: number;
  /** A browser further behind than this gets `reset` (reload the page) instead of hours of events. */
  catchUpLimit?: number;
}

const PAGE = 500;
const encoder = new TextEncoder();

export function recordEvent(record: LiveRecordDto): string {
  return `id: ${record.id}\nevent: record\ndata: ${JSON.stringify(record)}\n\n`;
}

export function liveEventStream(options: LiveStreamOptions): ReadableStream<Uint8Array> {
  const { instrumentId, reader } = options;
  let cursor = 0;
  let closed = false;
  let tasks: Promise<void> = Promise.resolve();
  let cleanup = () => {};

  return new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (text: string) => {
        if (!closed) controller.enqueue(encoder.encode(text));
      };
      const close = () => {
        if (closed) return;
        closed = true;
        cleanup();
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      };
      // Everything that writes goes through one queue, so events never interleave or go out of order.
      const run = (task: () => Promise<void>) => {
        tasks = tasks.then(() => (closed ? undefined : task())).catch(close);
      };
      const sendRecords = (records: LiveRecordDto[]) => {
        for (const record of records) {
          if (record.id <= cursor) continue;
          send(recordEvent(record));
          cursor = record.id;
        }
      };
      const catchUp = async () => {
        let sent = 0;
        for (;;) {
          const page = await reader.recordsAfter(instrumentId, cursor, PAGE);
          sent += page.length;
          if (sent > (options.catchUpLimit ?? 7200)) {
            send('event: reset\ndata: {}\n\n');
            return close();
          }
          sendRecords(page);
          if (page.length < PAGE) return;
        }
      };
      const sendHealth = (health: FeedHealthDto) => send(`event: health\ndata: ${JSON.stringify(health)}\n\n`);
      const listener: ChannelListener = {
        onRecords: (batch: RecordBatch) => run(async () => (cursor >= batch.afterId ? sendRecords(batch.records) : catchUp())),
        onHealth: (health) => run(async () => sendHealth(health)),
        onResync: () => run(catchUp),
      };

      send('retry: 2000\n\n');
      // The cursor first: a batch the channel hands over from now on is then judged against it.
      cursor = options.cursor ?? (await reader.latestId(instrumentId));
      const unlisten = options.channels.listen(instrumentId, listener);
      const keepAlive = setInterval(() => send(': keep-alive\n\n'), options.keepAliveMs ?? 15_000);
      const onAbort = () => close();
      options.signal.addEventListener('abort', onAbort, { once: true });
      cleanup = () => {
        unlisten();
        clearInterval(keepAlive);
        options.signal.removeEventListener('abort', onAbort);
      };
      await options.channels.whenListening();
      run(catchUp);
      run(async () => sendHealth(await reader.health(instrumentId)));
    },
    cancel() {
      closed = true;
      cleanup();
    },
  });
}
