// B1 append: a generated 10 Hz TOA5 day (864,000 records x 10 values) appended through the real append path
// (in a child process, so its peak RSS is its own), values/s, next to a plain COPY of the same rows into the
// same table in the same run. Target: ratio >= 0.5, peak RSS <= 300 MB. `b1hr` does the same with a 20 Hz day
// (1.73 M records per variable, issue #9's high-rate case), which must keep B1's ratio.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { createScratchDatabase } from '../helpers/scratch-database';
import { writeToa5File } from '../helpers/fixtures/campbell';
import type { BenchResult } from './report';

const VARIABLES = 10;
const DAY_START = Date.UTC(2026, 10, 20);

interface Day {
  hz: number;
  records: number;
}

function* records(day: Day) {
  const stepMs = 1000 / day.hz;
  for (let i = 0; i < day.records; i++) {
    yield { time: DAY_START + i * stepMs, values: Array.from({ length: VARIABLES }, (_, j) => Math.round(Math.sin(i / 1000 + j) * 1000) / 100) };
  }
}

export const benchAppend = (adminUrl: string) => benchAppendDay(adminUrl, { hz: 10, records: 864_000 });
export const benchAppendHighRate = (adminUrl: string) => benchAppendDay(adminUrl, { hz: 20, records: 1_728_000 });

async function benchAppendDay(adminUrl: string, day: Day): Promise<BenchResult[]> {
  const RECORDS = day.records;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldops-b1-'));
  try {
    const file = path.join(dir, 'raw', 'fast', 'fast_20261120.dat');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    await writeToa5File(file, { table: 'Fast', variables: Array.from({ length: VARIABLES }, (_, j) => ({ name: `v${j}`, unit: 'm s-1' })) }, records(day));

    // The app path: a child process runs appendFile on a fresh database.
    const appDb = await createScratchDatabase(adminUrl, { prefix: 'fieldops_bench', migrate: true });
    const app = await runAppendChild(appDb.url, dir, file, RECORDS * VARIABLES);
    await appDb.drop();

    // The baseline: COPY of the same rows (time, stream, variable, value) into the same table, fresh database.
    const copyDb = await createScratchDatabase(adminUrl, { prefix: 'fieldops_bench', migrate: true });
    const copySeconds = await plainCopy(copyDb.url, day);
    await copyDb.drop();

    const values = RECORDS * VARIABLES;
    const appRate = values / app.seconds;
    const copyRate = values / copySeconds;
    return [{
      name: day.hz === 10 ? 'B1 append' : 'B1 append, 20 Hz', metric: `values/s (${day.hz} Hz day, ${(values / 1e6).toFixed(2)} M values)`, value: appRate, unit: 'values/s',
      baselineName: 'plain COPY', baseline: copyRate, ratio: appRate / copyRate, target: '>= 0.5',
      extra: `append ${app.seconds.toFixed(1)} s, COPY ${copySeconds.toFixed(1)} s; appending process peak RSS ${Math.round(app.maxRssMb)} MB (target <= 300 MB)`,
    }];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function runAppendChild(databaseUrl: string, dataDir: string, file: string, values: number): Promise<{ seconds: number; maxRssMb: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'b1-append-child.ts'), databaseUrl, dataDir, file, String(values)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop()!)) : reject(new Error(`append child failed (${code}): ${out}`))));
  });
}

async function plainCopy(url: string, day: Day): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const started = performance.now();
    const copy = client.query(copyFrom('COPY observations (time, stream_id, variable_id, value) FROM STDIN'));
    await pipeline(Readable.from(copyLines(day)), copy);
    return (performance.now() - started) / 1000;
  } finally {
    await client.end();
  }
}

function* copyLines(day: Day): Generator<string> {
  let chunk = '';
  for (const r of records(day)) {
    const time = new Date(r.time).toISOString();
    for (let j = 0; j < VARIABLES; j++) chunk += `${time}\t1\t${j + 1}\t${r.values[j]}\n`;
    if (chunk.length > 1 << 16) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}
