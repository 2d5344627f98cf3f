// High-rate parse: values/s of the campbell-tob3 and licor-ghg parsers on an hour of 20 Hz data
// (72,000 records; the second of two runs), next to the TOA5 parser (the B1 append path's parser) on the same records and values.
// The append path's other costs (COPY, dedupe) do not depend on the kind, so a parser at least as fast as
// TOA5's keeps B1's append/COPY ratio on high-rate data. Also prints each parse's peak heap growth.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { campbellTob3 } from '../../lib/instruments/campbell-tob3';
import { campbellToa5 } from '../../lib/instruments/campbell-toa5';
import { licorGhg } from '../../lib/instruments/licor-ghg';
import type { InstrumentKind } from '../../lib/instruments/types';
import { writeToa5File } from '../helpers/fixtures/campbell';
import { ghgArchive, ghgDataText, ghgRecords } from '../helpers/fixtures/licor-ghg';
import { type Tob3Column, type Tob3Frame, tob3File } from '../helpers/fixtures/tob3';
import type { BenchResult } from './report';

const RECORDS = 72_000;
const HZ = 20;
const START = Date.UTC(2026, 10, 20);
const TOB1_EPOCH_MS = Date.UTC(1990, 0, 1);
const COLUMNS: Tob3Column[] = ['Ux', 'Uy', 'Uz', 'Ts', 'CO2', 'H2O'].map((name) => ({ name, unit: 'x', type: 'IEEE4' }));
const PER_FRAME = 10;

const valueAt = (i: number, j: number) => Math.round(Math.sin(i / 1000 + j) * 1000) / 100;

/** The second of two parses: the first warms the JIT, so the figure is the steady rate a worker reaches. */
async function timeParse(kind: InstrumentKind, file: string): Promise<{ seconds: number; values: number; heapMb: number }> {
  await parseOnce(kind, file);
  return parseOnce(kind, file);
}

async function parseOnce(kind: InstrumentKind, file: string): Promise<{ seconds: number; values: number; heapMb: number }> {
  const head = fs.readFileSync(file).subarray(0, 64);
  const parser = kind.parserFor(path.basename(file), head);
  if (!parser) throw new Error(`${kind.kind} does not claim ${file}`);
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let peak = heapBefore;
  const started = process.hrtime.bigint();
  const parsed = await parser(file, { fileName: path.basename(file) });
  let values = 0;
  for await (const batch of parsed.batches) {
    if (batch.type === 'scalars') values += batch.rows.length * batch.variables.length;
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { seconds, values, heapMb: (peak - heapBefore) / 1e6 };
}

function tob3Frames(): Tob3Frame[] {
  const frames: Tob3Frame[] = [];
  for (let first = 0; first < RECORDS; first += PER_FRAME) {
    const ms = START + (first * 1000) / HZ - TOB1_EPOCH_MS;
    frames.push({
      kind: 'full', seconds: Math.floor(ms / 1000), ticks: (ms % 1000) * 10, firstRecord: first,
      records: Array.from({ length: PER_FRAME }, (_, k) => COLUMNS.map((_, j) => valueAt(first + k, j))),
    });
  }
  return frames;
}

export async function benchHighRateParse(): Promise<BenchResult[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldops-hr-'));
  try {
    const toa5 = path.join(dir, 'fast.dat');
    const rows = function* () {
      for (let i = 0; i < RECORDS; i++) yield { time: START + (i * 1000) / HZ, record: i, values: COLUMNS.map((_, j) => valueAt(i, j)) };
    };
    await writeToa5File(toa5, { table: 'Fast', variables: COLUMNS.map((c) => ({ name: c.name, unit: c.unit ?? '' })) }, rows());
    const tob3 = path.join(dir, 'fast_tob3.dat');
    fs.writeFileSync(tob3, tob3File({ frameBytes: 16 + PER_FRAME * 24, columns: COLUMNS }, tob3Frames()));
    const ghg = path.join(dir, 'fast.ghg');
    fs.writeFileSync(ghg, ghgArchive(ghgDataText(ghgRecords(START, RECORDS, HZ))));

    const baseline = await timeParse(campbellToa5, toa5);
    const results: BenchResult[] = [];
    for (const [name, kind, file] of [['tob3 parse', campbellTob3, tob3], ['ghg parse', licorGhg, ghg]] as const) {
      const run = await timeParse(kind, file);
      const rate = run.values / run.seconds;
      const baseRate = baseline.values / baseline.seconds;
      results.push({
        name, metric: `values/s (1 h at 20 Hz, ${(run.values / 1e6).toFixed(2)} M values)`, value: rate, unit: 'values/s',
        baselineName: 'TOA5 parse', baseline: baseRate, ratio: rate / baseRate, target: '>= 1 (keeps B1 ratio)',
        extra: `${kind.kind}: ${run.seconds.toFixed(2)} s, heap growth ${run.heapMb.toFixed(0)} MB; TOA5: ${baseline.seconds.toFixed(2)} s, heap growth ${baseline.heapMb.toFixed(0)} MB`,
      });
    }
    // The real LI-7200 sample (41 values a line) when the shared samples are present.
    const sample = path.resolve(import.meta.dirname, '..', '..', '..', 'shared', 'samples', 'licor-ghg', '2016-12-11T200000_AIU-1359.ghg');
    if (fs.existsSync(sample)) {
      const run = await timeParse(licorGhg, sample);
      const rate = run.values / run.seconds;
      const baseRate = baseline.values / baseline.seconds;
      results.push({
        name: 'ghg sample', metric: `values/s (real 30 min LI-7200, ${(run.values / 1e6).toFixed(2)} M values)`, value: rate, unit: 'values/s',
        baselineName: 'TOA5 parse', baseline: baseRate, ratio: rate / baseRate, target: '>= 1 (keeps B1 ratio)',
        extra: `licor-ghg: ${run.seconds.toFixed(2)} s, heap growth ${run.heapMb.toFixed(0)} MB`,
      });
    }
    return results;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
