// The live log as Server-Sent Events: `log` events (one JSON log entry each; the tail first, then appends),
// a `reset` event when the file was rotated or truncated, and a keep-alive comment every 15 s.
import type { LogEntry, LogFilter } from './log-filter';
import { followLog, readLogTail } from './log-tail';

const encoder = new TextEncoder();

export function logEvent(entry: LogEntry): string {
  // JSON.stringify escapes newlines, so one entry is always one `data:` line.
  return `event: log\ndata: ${JSON.stringify(entry)}\n\n`;
}

export function logEventStream(options: { file: string; filter: LogFilter; signal: AbortSignal; keepAliveMs?: number; pollMs?: number }): ReadableStream<Uint8Array> {
  const stop = new AbortController();
  let keepAlive: NodeJS.Timeout | undefined;
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (text: string) => {
        if (!stop.signal.aborted) controller.enqueue(encoder.encode(text));
      };
      const close = () => {
        if (stop.signal.aborted) return;
        stop.abort();
        clearInterval(keepAlive);
        try {
          controller.close();
        } catch {
          // the client went away first
        }
      };
      options.signal.addEventListener('abort', close, { once: true });
      send('retry: 3000\n\n');
      keepAlive = setInterval(() => send(': keep-alive\n\n'), options.keepAliveMs ?? 15_000);
      try {
        const tail = await readLogTail(options.file, options.filter);
        for (const entry of tail.entries) send(logEvent(entry));
        send('event: ready\ndata: {}\n\n');
        void followLog({
          file: options.file, offset: tail.offset, ino: tail.ino, filter: options.filter, signal: stop.signal, intervalMs: options.pollMs,
          onEntry: (entry) => send(logEvent(entry)),
          onReset: () => send('event: reset\ndata: {}\n\n'),
        }).catch((error: unknown) => {
          send(`event: failure\ndata: ${JSON.stringify({ error: (error as Error).message })}\n\n`);
          close();
        });
      } catch (error) {
        send(`event: failure\ndata: ${JSON.stringify({ error: (error as Error).message })}\n\n`);
        close();
      }
    },
    cancel() {
      stop.abort();
      clearInterval(keepAlive);
    },
  });
}
