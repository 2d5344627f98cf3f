// The B3 baseline: a bare node:http SSE broadcaster, in its own process (so its memory is its own and it
// does not share an event loop with the 500 clients). Fed by LISTEN on the live channel like the web server,
// it reads the new journal rows once per NOTIFY and writes the same `record` events to every client.
// argv: <databaseUrl> <instrumentId>. Prints `listening <port>` when ready.
import http from 'node:http';
import pg from 'pg';
import { createDatabase } from '../../db/client';
import { latestLiveRecordId, listLiveRecordsAfter } from '../../db/queries/live';
import { decodeNotice, LIVE_CHANNEL } from '../../lib/live/notify';
import { recordEvent } from '../../lib/live/sse-stream';

const [databaseUrl, instrumentId] = process.argv.slice(2) as [string, string];
const db = createDatabase(databaseUrl, { max: 2, applicationName: 'b3-bare' });
const clients = new Set<http.ServerResponse>();
let lastId = await latestLiveRecordId(db, instrumentId);
let pulling = false;
let again = false;

async function pull(): Promise<void> {
  if (pulling) {
    again = true;
    return;
  }
  pulling = true;
  do {
    again = false;
    const records = await listLiveRecordsAfter(db, instrumentId, lastId, 1000);
    if (records.length === 0) continue;
    lastId = records.at(-1)!.id;
    const text = records.map(recordEvent).join('');
    for (const res of clients) res.write(text);
  } while (again);
  pulling = false;
}

const listener = new pg.Client({ connectionString: databaseUrl });
await listener.connect();
listener.on('notification', (message) => {
  const notice = decodeNotice(message.payload);
  if (notice?.instrumentId === instrumentId && notice.kind === 'records') void pull();
});
await listener.query(`LISTEN ${LIVE_CHANNEL}`);

const server = http.createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
  res.write('retry: 2000\n\nevent: health\ndata: {}\n\n');
  clients.add(res);
  req.on('close', () => clients.delete(res));
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`listening ${(server.address() as { port: number }).port}\n`);
});
process.on('SIGTERM', () => process.exit(0));
