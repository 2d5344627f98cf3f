// B6 export: one day of 10 Hz data for 10 variables (864,000 rows, 8.64 M values) as CSV through the partner
// API over HTTP, in rows/s, next to `COPY (SELECT …) TO STDOUT WITH CSV` of the same rows (the same pivot
// query the API runs) on a direct connection in the same run. Target: >= 0.5x COPY.
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { createDatabase } from '../../db/client';
import { listApiVariables } from '../../db/queries/export-catalog';
import { exportCsvSelect } from '../../db/queries/export-data';
import { syncConfigToDatabase } from '../../db/queries/config-sync';
import { getCapabilities } from '../../db/timeseries/capabilities';
import { createApiToken } from '../../lib/auth/api-tokens';
import { demoConfig } from '../../lib/config/demo';
import { seedSeries } from '../api/seed-series';
import { createScratchDatabase } from '../helpers/scratch-database';
import { startWebServer } from '../helpers/web-server';
import type { BenchResult } from './report';

const ROWS = 864_000;
const VARIABLES = Array.from({ length: 10 }, (_, i) => ({ name: `v${i}`, unit: 'V' }));
const START = new Date('2026-03-01T00:00:00Z');
const END = new Date('2026-03-02T00:00:00Z');

export async function benchExport(adminUrl: string): Promise<BenchResult[]> {
  const scratch = await createScratchDatabase(adminUrl, { prefix: 'fieldops_b6', migrate: true });
  const db = createDatabase(scratch.url, { max: 2 });
  try {
    await syncConfigToDatabase(db, demoConfig('/srv/demo'));
    await seedSeries(db, { instrumentId: 'van1', stream: 'Public', variables: VARIABLES, start: START, stepMs: 100, count: ROWS });
    await db.execute(sql`VACUUM ANALYZE observations`);
    const token = (await createApiToken(db, { name: 'bench', instruments: ['van1'], expires: '1d' }, { actor: 'system' })).token;
    const variables = (await listApiVariables(db, 'van1')).filter((v) => v.shape === 'scalar');
    const select = exportCsvSelect(await getCapabilities(db), { series: variables, start: START, end: END, everySeconds: 0, agg: 'mean' });

    const web = await startWebServer({ databaseUrl: scratch.url });
    try {
      const url = `${web.url}/api/v1/instruments/van1/data?start=${START.toISOString()}&end=${END.toISOString()}&format=csv`;
      // One warm-up each (route code, plan caches, buffer cache), then the best of two.
      const api = [];
      const copy = [];
      for (let round = 0; round < 3; round++) {
        api.push(await timeApi(url, token));
        copy.push(await timeCopy(scratch.url, select));
      }
      const apiBest = Math.min(...api.slice(1).map((r) => r.seconds));
      const copyBest = Math.min(...copy.slice(1).map((r) => r.seconds));
      const apiRows = api[1]!.lines - 2;
      if (apiRows !== ROWS || copy[1]!.lines !== ROWS) throw new Error(`B6: API sent ${apiRows} rows, COPY ${copy[1]!.lines}; expected ${ROWS}`);
      const apiRate = ROWS / apiBest;
      const copyRate = ROWS / copyBest;
      return [{
        name: 'B6 export', metric: 'rows/s (1 day 10 Hz x 10 vars, CSV)', value: apiRate, unit: 'rows/s',
        baselineName: 'COPY (SELECT ...) TO STDOUT CSV', baseline: copyRate, ratio: apiRate / copyRate, target: '>= 0.5 (x COPY)',
        extra: `API over HTTP ${apiBest.toFixed(2)} s (${(api[1]!.bytes / 1024 / 1024).toFixed(0)} MB), COPY ${copyBest.toFixed(2)} s; runs API ${api.map((r) => r.seconds.toFixed(2)).join('/')} s, COPY ${copy.map((r) => r.seconds.toFixed(2)).join('/')} s`,
      }];
    } finally {
      await web.stop();
    }
  } finally {
    await db.$client.end();
    await scratch.drop();
  }
}

function counter() {
  const state = { lines: 0, bytes: 0 };
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      state.bytes += chunk.length;
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) state.lines++;
      done();
    },
  });
  return { state, sink };
}

async function timeApi(url: string, token: string) {
  const started = performance.now();
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  if (response.status !== 200) throw new Error(`B6: the API answered ${response.status}: ${await response.text()}`);
  const { state, sink } = counter();
  const reader = response.body!.getReader();
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    await new Promise<void>((resolve, reject) => sink.write(Buffer.from(next.value), (e) => (e ? reject(e) : resolve())));
  }
  return { seconds: (performance.now() - started) / 1000, ...state };
}

async function timeCopy(url: string, select: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const started = performance.now();
    const { state, sink } = counter();
    await pipeline(client.query(copyTo(`COPY (${select}) TO STDOUT WITH (FORMAT csv)`)), sink);
    return { seconds: (performance.now() - started) / 1000, ...state };
  } finally {
    await client.end();
  }
}
