// B3 fan-out: 500 SSE clients of one live feed on one production web server, a record written every second
// through the poller's own store (lib/live/db-store.ts: journal + observations + raw CSV, NOTIFY on commit).
// Delay = a client receiving the record minus the write's commit being acknowledged to the writer (same
// process, same clock). p50/p99 and the server's RSS (VmRSS, peak of 1 s samples), next to a bare node:http
// SSE broadcaster fed by the same NOTIFY, in the same run. Target: p99 <= 250 ms and <= 2x the bare p99.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDatabase, type Database } from '../../db/client';
import { syncConfigToDatabase } from '../../db/queries/config-sync';
import { acquireLease } from '../../db/queries/leases';
import { createUser } from '../../lib/auth/accounts';
import { configSchema } from '../../lib/config/schema';
import type { TableHead } from '../../lib/live/dataquery-response';
import { createDbLiveStore } from '../../lib/live/db-store';
import { signInOverHttp } from '../helpers/auth';
import { createScratchDatabase } from '../helpers/scratch-database';
import { startWebServer } from '../helpers/web-server';
import type { BenchResult } from './report';
import { connectSseClients } from './sse-clients';

const CLIENTS = 500;
const SECONDS = 30;
const PASSWORD = 'bench viewer password';
const HEAD: TableHead = {
  signature: 'b3-fanout', tableName: 'Public',
  fields: [{ name: 'AirTC', units: 'degC', process: 'Smp' }, { name: 'RH', units: '%', process: 'Smp' }],
};

interface RunFigures {
  p50: number;
  p99: number;
  max: number;
  received: number;
  expected: number;
  peakRssMb: number;
  early: number;
}

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Connects the clients, writes SECONDS records at 1 Hz, and measures. */
async function measure(db: Database, rawDir: string, firstNo: number, url: string, headers: Record<string, string>, serverPid: number)
  : Promise<RunFigures> {
  const clients = await connectSseClients(url, CLIENTS, headers);
  try {
    const deadline = Date.now() + 60_000;
    while (clients.ready() < CLIENTS && clients.failures.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    if (clients.ready() < CLIENTS) throw new Error(`B3: only ${clients.ready()} of ${CLIENTS} clients connected (${clients.failures.slice(0, 3).join('; ')})`);
    const lease = (await acquireLease(db, 'live-poll:van1', 'b3-bench', 3600))!;
    const store = createDbLiveStore({ db, instrumentId: 'van1', tableName: 'Public', rawDir, lease });
    const stream = await store.streamFor(HEAD);
    const acked = new Map<number, number>();
    let peakRssMb = rssMb(serverPid);
    const started = Date.now();
    for (let i = 0; i < SECONDS; i++) {
      // On the second, like a logger table, whatever the previous write cost.
      const due = started + (i + 1) * 1000;
      await new Promise((r) => setTimeout(r, Math.max(0, due - Date.now())));
      const no = firstNo + i;
      await store.writeRecords({ stream, records: [{ no, timeMs: due, values: [20 + Math.sin(no), 60] }], corrections: 0 });
      acked.set(no, performance.now());
      peakRssMb = Math.max(peakRssMb, rssMb(serverPid));
    }
    const expected = SECONDS * CLIENTS;
    const count = () => [...clients.arrivals.values()].reduce((n, a) => n + a.length, 0);
    const waitUntil = Date.now() + 10_000;
    while (count() < expected && Date.now() < waitUntil) await new Promise((r) => setTimeout(r, 100));
    const delays: number[] = [];
    let early = 0;
    for (const [no, times] of clients.arrivals) {
      const ack = acked.get(no);
      if (ack === undefined) continue;
      for (const t of times) {
        // A client can see the NOTIFY's record before the writer's event loop handles the commit's reply.
        if (t < ack) early += 1;
        delays.push(Math.max(0, t - ack));
      }
    }
    delays.sort((a, b) => a - b);
    return { p50: percentile(delays, 50), p99: percentile(delays, 99), max: delays.at(-1) ?? NaN, received: count(), expected, peakRssMb, early };
  } finally {
    clients.close();
  }
}

function startBareBroadcaster(databaseUrl: string): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'b3-bare-child.ts'), databaseUrl, 'van1'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening (\d+)/.exec(out);
      if (m) resolve({ child, port: Number(m[1]) });
    });
    child.once('exit', (code) => reject(new Error(`bare broadcaster exited (${code}): ${out}`)));
  });
}

export async function benchFanout(adminUrl: string): Promise<BenchResult[]> {
  const scratch = await createScratchDatabase(adminUrl, { prefix: 'fieldops_bench', migrate: true });
  const db = createDatabase(scratch.url, { max: 4, applicationName: 'fieldops-bench' });
  const rawDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldops-b3-'));
  let web: Awaited<ReturnType<typeof startWebServer>> | null = null;
  let bare: ChildProcess | null = null;
  try {
    await syncConfigToDatabase(db, configSchema.parse({
      campaign: { name: 'B3' }, sites: [{ id: 'road', name: 'Road' }],
      instruments: [{ id: 'van1', site: 'road', kind: 'campbell-dataquery', expectedInterval: '1s', logger: { url: 'http://127.0.0.1:9', table: 'Public' } }],
    }));
    await createUser(db, { email: 'viewer@example.org', role: 'viewer', password: PASSWORD }, { actor: 'system' });

    web = await startWebServer({ databaseUrl: scratch.url });
    const { cookie } = await signInOverHttp(web.url, 'viewer@example.org', PASSWORD);
    if (!cookie) throw new Error('B3: could not sign in');
    const idleRssMb = rssMb(web.pid);
    process.stdout.write(`  web server: ${CLIENTS} clients, ${SECONDS} s\n`);
    const app = await measure(db, rawDir, 1, `${web.url}/api/live/van1`, { cookie }, web.pid);
    await web.stop();
    web = null;

    const started = await startBareBroadcaster(scratch.url);
    bare = started.child;
    const bareIdleMb = rssMb(bare.pid!);
    process.stdout.write(`  bare broadcaster: ${CLIENTS} clients, ${SECONDS} s\n`);
    const base = await measure(db, rawDir, 1 + SECONDS, `http://127.0.0.1:${started.port}/`, {}, bare.pid!);

    const lost = (r: RunFigures) => `${r.expected - r.received} of ${r.expected} events missing`;
    return [
      {
        name: 'B3 fan-out', metric: `p99 commit->client, ${CLIENTS} SSE`, value: app.p99, unit: 'ms',
        baselineName: 'bare node:http SSE p99', baseline: base.p99, ratio: app.p99 / base.p99, target: 'p99 <= 250 ms, ratio <= 2',
        extra: `p50 ${app.p50.toFixed(1)} ms (bare ${base.p50.toFixed(1)} ms), max ${app.max.toFixed(0)} ms (bare ${base.max.toFixed(0)} ms); ` +
          `web: ${lost(app)}, bare: ${lost(base)}; early (before the writer saw its commit): ${app.early} / ${base.early}`,
      },
      {
        name: 'B3 fan-out', metric: `server RSS, ${CLIENTS} SSE clients`, value: app.peakRssMb, unit: 'MB',
        baselineName: 'bare broadcaster RSS', baseline: base.peakRssMb, ratio: app.peakRssMb / base.peakRssMb, target: '(for reference)',
        extra: `idle after sign-in: web ${idleRssMb.toFixed(0)} MB, bare ${bareIdleMb.toFixed(0)} MB`,
      },
    ];
  } finally {
    await web?.stop();
    bare?.kill('SIGTERM');
    await db.$client.end();
    await scratch.drop();
    fs.rmSync(rawDir, { recursive: true, force: true });
  }
}
