// Runs the benchmarks on a throwaway embedded PostgreSQL (or DATABASE_URL) and prints a table of figures,
// baselines and ratios.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EmbeddedCluster } from '../../lib/embedded-db/cluster';
import { benchAppend, benchAppendHighRate } from './b1-append';
import { benchChart } from './b2-chart';
import { benchFanout } from './b3-fanout';
import { benchVerify } from './b4-verify';
import { benchOverview } from './b5-overview';
import { benchExport } from './b6-export';
import { benchQuicklooks } from './b7-quicklooks';
import { benchHighRateParse } from './parse-high-rate';
import type { BenchResult } from './report';
import { printResults } from './report';

// One benchmark per line (several people add them).
const BENCHES: Record<string, (adminUrl: string) => Promise<BenchResult[]>> = {
  b1: benchAppend,
  b1hr: benchAppendHighRate,
  b2: benchChart,
  b3: benchFanout,
  b4: benchVerify,
  b5: benchOverview,
  b6: benchExport,
  b7: benchQuicklooks,
  hr: benchHighRateParse,
};

const wanted = process.argv.slice(2).map((a) => a.toLowerCase());
const selected = Object.entries(BENCHES).filter(([name]) => wanted.length === 0 || wanted.includes(name));
if (selected.length === 0) {
  process.stderr.write(`unknown benchmark(s) ${wanted.join(', ')}; there are: ${Object.keys(BENCHES).join(', ')}\n`);
  process.exit(2);
}

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldops-bench-'));
fs.chmodSync(root, 0o755);
let cluster: EmbeddedCluster | null = null;
let adminUrl = process.env.DATABASE_URL;
if (!adminUrl) {
  cluster = new EmbeddedCluster(path.join(root, 'db'));
  const server = await cluster.start();
  adminUrl = cluster.url(server.port, 'postgres');
}
const results: BenchResult[] = [];
try {
  for (const [name, run] of selected) {
    process.stdout.write(`running ${name}...\n`);
    results.push(...(await run(adminUrl)));
  }
} finally {
  await cluster?.stop();
  fs.rmSync(root, { recursive: true, force: true });
}
printResults(results);
