// The HTTP face of the simulated logger: `GET /?command=DataQuery&...` like a CR1000X's web server (with
// HTTP Basic auth when configured), plus `GET|POST /_control` to flip its switches. Loopback only.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SimClock } from './clock';
import { applyControl, controlPatch, describeSimulator, type NetworkFaults } from './control';
import { DATAQUERY_MODES, type DataQueryMode, runDataQuery } from './dataquery';
import { failureAnswer, jsonAnswer, toa5Answer } from './formats';
import type { LoggerTable } from './table';

export interface ServerOptions {
  table: LoggerTable;
  faults: NetworkFaults;
  clock: SimClock;
  port?: number;
  host?: string;
  auth?: { username: string; password: string };
}

export interface RunningServer {
  url: string;
  port: number;
  requests(): number;
  close(): Promise<void>;
}

export async function startLoggerServer(options: ServerOptions): Promise<RunningServer> {
  const { table, faults, clock } = options;
  let requests = 0;
  const server = http.createServer((req, res) => {
    if (faults.outage) {
      req.socket.destroy();
      return;
    }
    void handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`simulator error: ${(error as Error).message}`);
    });
  });
  // Also drop connections as they open: an outage looks like a dead link, not like a busy server.
  server.on('connection', (socket) => {
    if (faults.outage) socket.destroy();
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://logger');
    if (url.pathname === '/_control') return control(req, res);
    requests += 1;
    if (options.auth && !authorised(req, options.auth)) {
      res.writeHead(401, { 'www-authenticate': 'Basic realm="CR1000X"', 'content-type': 'text/plain' });
      res.end('401 Unauthorized');
      return;
    }
    if (faults.slowMs > 0) await new Promise((r) => setTimeout(r, faults.slowMs));
    if (faults.http500 > 0) {
      faults.http500 -= 1;
      res.writeHead(500, { 'content-type': 'text/html' });
      res.end('<html><body>500 Internal Server Error</body></html>');
      return;
    }
    const command = url.searchParams.get('command') ?? '';
    if (command.toLowerCase() !== 'dataquery') return sendJson(res, failureAnswer(`unsupported command '${command}'`));
    const uri = url.searchParams.get('uri') ?? '';
    const mode = (url.searchParams.get('mode') ?? 'most-recent') as DataQueryMode;
    if (!uri.startsWith('dl:')) return sendJson(res, failureAnswer(`uri must be dl:<table>, got '${uri}'`));
    if (!DATAQUERY_MODES.includes(mode)) return sendJson(res, failureAnswer(`unknown mode '${mode}'`));
    const outcome = runDataQuery(table, {
      table: uri.slice(3).split('.')[0]!, mode, p1: url.searchParams.get('p1') ?? undefined, p2: url.searchParams.get('p2') ?? undefined,
    }, clock.now(), faults.maxRecordsPerQuery);
    if (!outcome.ok) return sendJson(res, failureAnswer(outcome.description));
    if ((url.searchParams.get('format') ?? 'html') === 'toa5') {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(toa5Answer(table, outcome.records));
      return;
    }
    sendJson(res, jsonAnswer(table, outcome.records, outcome.more));
  }

  async function control(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (req.method === 'POST') {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      let parsed;
      try {
        parsed = controlPatch.safeParse(JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}'));
      } catch {
        parsed = null;
      }
      if (!parsed?.success) {
        res.writeHead(400, { 'content-type': 'text/plain' });
        res.end(`bad control request: ${parsed ? parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') : 'not JSON'}`);
        return;
      }
      applyControl(parsed.data, table, faults, clock);
    }
    sendJson(res, JSON.stringify(describeSimulator(table, faults, requests)));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests: () => requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function sendJson(res: http.ServerResponse, body: string): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(body);
}

function authorised(req: http.IncomingMessage, auth: { username: string; password: string }): boolean {
  const header = req.headers.authorization ?? '';
  if (!header.startsWith('Basic ')) return false;
  return Buffer.from(header.slice(6), 'base64').toString('utf8') === `${auth.username}:${auth.password}`;
}
