// B2 chart query: 30 days of 1 Hz data for one variable (2.59 M rows) downsampled to <= 1,500 points through
// the app's query path (lib/charts/read-series.ts, which reads the 1-minute roll-up for the old part and raw
// rows for the newest), p50 over interleaved runs, next to a hand-written date_bin / time_bucket
// min/max/avg over the raw rows through `pg` in the same run. Also: the app forced onto raw rows only, and a
// 20 Hz day (1.73 M rows). Target: ratio <= 1.2 and p50 <= 300 ms.
import pg from 'pg';
import { createDatabase, type Database } from '../../db/client';
import { type ChartVariable, listChartVariables } from '../../db/queries/chart-series';
import { getCapabilities } from '../../db/timeseries/capabilities';
import { refreshRollups } from '../../db/timeseries/rollups';
import { readChartSeries } from '../../lib/charts/read-series';
import { insertGenerated, seedInstrument } from '../charts/seed';
import { createScratchDatabase } from '../helpers/scratch-database';
import type { BenchResult } from './report';

const DAY = 86_400_000;
const END = Date.UTC(2026, 10, 20);
const RUNS = 15;
const WARMUP = 3;

interface Case {
  label: string;
  variable: ChartVariable;
  from: Date;
  to: Date;
  cadenceSeconds: number;
}

export async function benchChart(adminUrl: string): Promise<BenchResult[]> {
  const scratch = await createScratchDatabase(adminUrl, { prefix: 'fieldops_bench', migrate: true });
  const db = createDatabase(scratch.url, { max: 2, applicationName: 'fieldops-bench' });
  const client = new pg.Client({ connectionString: scratch.url });
  await client.connect();
  try {
    const slow = await seedInstrument(db, { instrumentId: 'met', variables: [{ name: 'T', unit: 'degC' }] });
    const fast = await seedInstrument(db, { instrumentId: 'sonic', expectedIntervalSeconds: 0.05, variables: [{ name: 'u', unit: 'm s-1' }] });
    process.stdout.write('  seeding 30 days at 1 Hz and one day at 20 Hz...\n');
    const rows1hz = await insertGenerated(db, { streamId: slow.streamId, variableId: slow.variableIds.T! }, END - 30 * DAY, END, 1000, 'sin(i / 3600.0) * 10 + random()');
    const rows20hz = await insertGenerated(db, { streamId: fast.streamId, variableId: fast.variableIds.u! }, END - DAY, END, 50, 'sin(i / 2000.0) * 5 + random()');
    await refreshRollups(db, new Date(END - 30 * DAY), new Date(END));
    await client.query('VACUUM ANALYZE observations');
    await client.query('VACUUM ANALYZE observations_1m');
    const [met] = await listChartVariables(db, 'met');
    const [sonic] = await listChartVariables(db, 'sonic');
    const cases: Case[] = [
      { label: `30 d at 1 Hz (${(rows1hz / 1e6).toFixed(2)} M rows)`, variable: met!, from: new Date(END - 30 * DAY), to: new Date(END), cadenceSeconds: 1 },
      { label: `1 d at 20 Hz (${(rows20hz / 1e6).toFixed(2)} M rows)`, variable: sonic!, from: new Date(END - DAY), to: new Date(END), cadenceSeconds: 0.05 },
    ];
    const results: BenchResult[] = [];
    for (const c of cases) results.push(await measure(db, client, c));
    return results;
  } finally {
    await client.end();
    await db.$client.end();
    await scratch.drop();
  }
}

async function measure(db: Database, client: pg.Client, c: Case): Promise<BenchResult> {
  const caps = await getCapabilities(db);
  const request = { from: c.from, to: c.to, cadenceSeconds: c.cadenceSeconds };
  const probe = await readChartSeries(db, c.variable, request);
  const bucket = caps.timescaledb ? 'time_bucket(make_interval(secs => $5), time)' : `date_bin(make_interval(secs => $5), time, TIMESTAMPTZ '2000-01-03 00:00:00+00')`;
  const handWritten = `SELECT ${bucket} AS t, min(value), max(value), avg(value), count(value)
    FROM observations WHERE stream_id = $1 AND variable_id = $2 AND time >= $3 AND time < $4 GROUP BY 1 ORDER BY 1`;
  const params = [c.variable.streamId, c.variable.id, c.from.toISOString(), c.to.toISOString(), probe.bucketSeconds];
  const app: number[] = [];
  const raw: number[] = [];
  const sql: number[] = [];
  let rows = 0;
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const a = await timed(() => readChartSeries(db, c.variable, request));
    const r = await timed(() => readChartSeries(db, c.variable, { ...request, rawOnly: true }));
    const s = await timed(async () => (rows = (await client.query(handWritten, params)).rowCount ?? 0));
    if (i >= WARMUP) { app.push(a); raw.push(r); sql.push(s); }
  }
  const [appP50, rawP50, sqlP50] = [median(app), median(raw), median(sql)];
  return {
    name: 'B2 chart', metric: `p50 ms, ${c.label}`, value: appP50, unit: 'ms', baselineName: `hand-written ${caps.timescaledb ? 'time_bucket' : 'date_bin'}`,
    baseline: sqlP50, ratio: appP50 / sqlP50, target: '<= 1.2, p50 <= 300 ms',
    extra: `app: ${probe.points.length} points of ${probe.bucketSeconds} s from ${probe.source}; app on raw rows only p50 ${rawP50.toFixed(0)} ms ` +
      `(ratio ${(rawP50 / sqlP50).toFixed(2)}); hand-written SQL ${rows} buckets; ${RUNS} runs each, interleaved`,
  };
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
