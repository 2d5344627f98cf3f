// Many SSE clients in one process for the fan-out benchmark: each its own socket (no agent pooling), parsing
// `record` events and noting when each record number arrived (performance.now(), the same clock as the writer).
import http from 'node:http';

export interface SseClients {
  /** Receive times per record number, one entry per client that got it. */
  arrivals: Map<number, number[]>;
  /** Clients whose stream is set up (they got the first `health` event). */
  ready(): number;
  close(): void;
  failures: string[];
}

export async function connectSseClients(url: string, count: number, headers: Record<string, string>, batch = 50): Promise<SseClients> {
  const arrivals = new Map<number, number[]>();
  const requests: http.ClientRequest[] = [];
  const failures: string[] = [];
  let ready = 0;
  const open = () => new Promise<void>((resolve) => {
    const request = http.get(url, { agent: false, headers: { accept: 'text/event-stream', ...headers } }, (response) => {
      if (response.statusCode !== 200) {
        failures.push(`HTTP ${response.statusCode}`);
        response.resume();
        return resolve();
      }
      response.setEncoding('utf8');
      let buffer = '';
      let counted = false;
      response.on('data', (chunk: string) => {
        const now = performance.now();
        buffer += chunk;
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (block.includes('event: health') && !counted) {
            counted = true;
            ready += 1;
          }
          if (!block.includes('event: record')) continue;
          const data = block.split('\n').find((l) => l.startsWith('data: '));
          const record = data ? (JSON.parse(data.slice(6)) as { no: number }) : null;
          if (record) arrivals.set(record.no, [...(arrivals.get(record.no) ?? []), now]);
        }
      });
      resolve();
    });
    request.on('error', (error) => {
      failures.push(error.message);
      resolve();
    });
    requests.push(request);
  });
  for (let i = 0; i < count; i += batch) await Promise.all(Array.from({ length: Math.min(batch, count - i) }, open));
  return { arrivals, ready: () => ready, close: () => requests.forEach((r) => r.destroy()), failures };
}
