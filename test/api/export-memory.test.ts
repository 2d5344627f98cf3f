// A 10-million-value export streams: the web server's resident memory grows by less than 50 MB while it
// sends the whole thing (CSV, NDJSON and netCDF, all written by COPY), and a client that disconnects
// mid-export stops the query in the database. Most of that growth is a one-off: the chunks' buffers live
// outside the JavaScript heap and are freed at the next garbage collection, which V8 starts when they add
// up to a few tens of MB; the first large export lifts the server to that plateau, later ones stay on it.
import fs from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncConfigToDatabase } from '../../db/queries/config-sync';
import { createApiToken } from '../../lib/auth/api-tokens';
import { demoConfig } from '../../lib/config/demo';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { processesWithEnv, waitFor } from '../helpers/fieldops-process';
import { startWebServer, type TestWebServer } from '../helpers/web-server';
import { seedSeries } from './seed-series';

const ROWS = 1_000_000;
const VARIABLES = Array.from({ length: 10 }, (_, i) => ({ name: `v${i}`, unit: 'V' }));
const START = new Date('2026-03-01T00:00:00Z');
const END = new Date(START.getTime() + ROWS * 100);
const MB = 1024 * 1024;

let t: TestDatabase;
let web: TestWebServer;
let token: string;
let serverPid: number;

function rssBytes(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) * 1024;
}

beforeAll(async () => {
  t = await createTestDatabase();
  await syncConfigToDatabase(t.db, demoConfig('/srv/demo'));
  await seedSeries(t.db, { instrumentId: 'van1', stream: 'Public', variables: VARIABLES, start: START, stepMs: 100, count: ROWS });
  await t.db.execute(sql`ANALYZE observations`);
  token = (await createApiToken(t.db, { name: 'bulk', instruments: ['van1'], expires: '1d' }, { actor: 'system' })).token;
  web = await startWebServer({ databaseUrl: t.url });
  const pids = processesWithEnv('FIELDOPS_DATA_DIR', web.dataDir);
  expect(pids).toHaveLength(1);
  serverPid = pids[0]!;
}, 900_000);

afterAll(async () => {
  await web?.stop();
  await t?.drop();
});

const url = (format: string) => `${web.url}/api/v1/instruments/van1/data?start=${START.toISOString()}&end=${END.toISOString()}&format=${format}`;

/** Reads the whole response, sampling the server's RSS as it goes; returns lines, the first bytes and the peak growth. */
async function streamAndMeasure(format: string): Promise<{ lines: number; bytes: number; start: Buffer; growthMb: number }> {
  // Warm-up: the first request loads the route's code; that is not growth caused by the export's size.
  await (await fetch(`${url(format)}`.replace(END.toISOString(), new Date(START.getTime() + 1000).toISOString()), { headers: { authorization: `Bearer ${token}` } })).arrayBuffer();
  const baseline = rssBytes(serverPid);
  let peak = baseline;
  const response = await fetch(url(format), { headers: { authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  expect(response.headers.get('x-export-values')).toBe(String(ROWS * VARIABLES.length));
  const reader = response.body!.getReader();
  let lines = 0;
  let bytes = 0;
  let start = Buffer.alloc(0);
  let sinceSample = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    if (start.length < 64) start = Buffer.concat([start, value.subarray(0, 64 - start.length)]);
    bytes += value.length;
    sinceSample += value.length;
    for (let i = value.indexOf(10); i !== -1; i = value.indexOf(10, i + 1)) lines++;
    if (sinceSample > 8 * MB) {
      sinceSample = 0;
      peak = Math.max(peak, rssBytes(serverPid));
    }
  }
  peak = Math.max(peak, rssBytes(serverPid));
  return { lines, bytes, start, growthMb: (peak - baseline) / MB };
}

describe('a 10-million-value export', () => {
  it('CSV streams with flat server memory', async () => {
    const result = await streamAndMeasure('csv');
    process.stdout.write(`CSV export: ${result.lines} lines, ${(result.bytes / MB).toFixed(0)} MB, server RSS growth ${result.growthMb.toFixed(1)} MB\n`);
    expect(result.lines).toBe(ROWS + 2);
    expect(result.growthMb).toBeLessThan(50);
  }, 600_000);

  it('NDJSON streams with flat server memory', async () => {
    const result = await streamAndMeasure('ndjson');
    process.stdout.write(`NDJSON export: ${result.lines} lines, ${(result.bytes / MB).toFixed(0)} MB, server RSS growth ${result.growthMb.toFixed(1)} MB\n`);
    expect(result.lines).toBe(ROWS);
    expect(result.growthMb).toBeLessThan(50);
  }, 600_000);

  it('netCDF streams with flat server memory', async () => {
    const result = await streamAndMeasure('nc');
    process.stdout.write(`netCDF export: ${(result.bytes / MB).toFixed(0)} MB, server RSS growth ${result.growthMb.toFixed(1)} MB\n`);
    // netCDF-3 classic: magic, then the record count its header promised, then a record of 8-byte doubles
    // (time and each variable) per row after a header of a few kB.
    expect(result.start.subarray(0, 4).toString('latin1')).toBe('CDF\x01');
    expect(result.start.readInt32BE(4)).toBe(ROWS);
    const recordBytes = ROWS * 8 * (VARIABLES.length + 1);
    expect(result.bytes - recordBytes).toBeGreaterThan(0);
    expect(result.bytes - recordBytes).toBeLessThan(16 * 1024);
    // The file is larger than the limit, so a server that held it (or its rows as JavaScript values, which
    // once grew it by over 200 MB) could not pass.
    expect(result.bytes / MB).toBeGreaterThan(50);
    expect(result.growthMb).toBeLessThan(50);
  }, 600_000);

  it('a client that disconnects mid-export stops the query', async () => {
    const controller = new AbortController();
    const response = await fetch(url('csv'), { headers: { authorization: `Bearer ${token}` }, signal: controller.signal });
    const reader = response.body!.getReader();
    await reader.read();
    const running = async () => Number((await t.db.execute<{ n: string }>(sql`SELECT count(*) AS n FROM pg_stat_activity
      WHERE datname = current_database() AND backend_type = 'client backend' AND query LIKE 'COPY (SELECT to_char%' AND state <> 'idle'`)).rows[0]!.n);
    expect(await running()).toBe(1);
    controller.abort();
    await waitFor('the export query to stop', async () => ((await running()) === 0 ? true : undefined), 60_000);
  }, 120_000);
});
