// The web server child of `fieldops start`: Next.js in production mode behind a plain Node HTTP server, so
// that it can exit as soon as its supervisor is gone (the IPC channel closes) instead of outliving it.
import http from 'node:http';
import next from 'next';
import { stampClientAddress } from '../auth/client-address';
import { getEnv } from '../env';
import { createLogger } from '../log';
import { projectRoot } from '../paths';
import { startHeartbeat } from '../heartbeat';

process.env.FIELDOPS_COMPONENT = 'web';
const env = getEnv();
const log = createLogger('web');

// No `hostname` here (the server below listens on HOST itself): Next builds the proxy's request URLs with
// `localhost` but would compare a rewrite's target against HOST, and a mismatch turns a rewrite into an HTTP
// request to itself (proxy.ts rewrites `/` to the cached overview).
const app = next({ dev: false, dir: projectRoot, port: env.PORT });
await app.prepare();
const handle = app.getRequestHandler();
const server = http.createServer((req, res) => {
  // Audit entries and sign-in throttling need the client's address, which Next.js does not give reliably.
  stampClientAddress(req, env.FIELDOPS_TRUSTED_PROXIES);
  void handle(req, res);
});
server.keepAliveTimeout = 65_000;

await new Promise<void>((resolve, reject) => {
  server.once('error', reject);
  server.listen(env.PORT, env.HOST, () => resolve());
});
const heartbeat = startHeartbeat({ kind: 'web', info: { port: env.PORT } }, log);
log.info(`listening on http://${env.HOST === '0.0.0.0' ? 'localhost' : env.HOST}:${env.PORT}`);
process.send?.({ type: 'ready' });

let stopping = false;
async function shutdown(reason: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info(`stopping (${reason})`);
  // Long-lived responses (SSE) would hold close() open; give them a moment, then go.
  const forced = setTimeout(() => process.exit(0), 5000);
  forced.unref();
  server.close();
  server.closeAllConnections();
  await heartbeat.stop();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('disconnect', () => void shutdown('supervisor gone'));
