// The chart query on a real database: the envelope keeps every extreme, gaps stay gaps, no series has more
// than 1,500 points (20 Hz data included), and the roll-up path answers exactly what the raw path does. The
// TimescaleDB and toolkit paths run whenever the test server has them, and skip with the reason otherwise.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChartVariable, listChartVariables } from '../../db/queries/chart-series';
import { getCapabilities } from '../../db/timeseries/capabilities';
import { refreshRollups } from '../../db/timeseries/rollups';
import { readProfileGrid } from '../../lib/charts/read-profile';
import { readChartSeries } from '../../lib/charts/read-series';
import type { ChartPoint } from '../../lib/charts/types';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { insertGenerated, insertValue, seedInstrument, type SeededSeries } from './seed';

const H = 3600_000;
const DAY = 24 * H;
const START = Date.parse('2026-10-01T00:00:00Z');
const GAP_FROM = START + 30 * H;
const GAP_TO = START + 33 * H;
const SPIKE_AT = START + 12 * H + 17_000;
const DIP_AT = START + 40 * H + 3_000;

let t: TestDatabase;
let seeded: SeededSeries;
let fast: SeededSeries;
let temp: ChartVariable;
let wind: ChartVariable;

const values = (points: ChartPoint[]) => points.filter((p) => p.mean !== null);
const breaks = (points: ChartPoint[]) => points.filter((p) => p.mean === null);

beforeAll(async () => {
  t = await createTestDatabase();
  seeded = await seedInstrument(t.db, { instrumentId: 'met', variables: [{ name: 'T', unit: 'degC' }] });
  const series = { streamId: seeded.streamId, variableId: seeded.variableIds.T! };
  // Two days at 1 Hz of a gentle wave, a three-hour outage, one spike and one dip a single second long.
  await insertGenerated(t.db, series, START, GAP_FROM, 1000, 'sin(i / 3600.0) * 10');
  await insertGenerated(t.db, series, GAP_TO, START + 2 * DAY, 1000, 'sin(i / 3600.0) * 10');
  await insertValue(t.db, series, SPIKE_AT, 1000);
  await insertValue(t.db, series, DIP_AT, -1000);
  // A missing value (NaN written as null) is not data.
  await insertValue(t.db, series, START + 5 * H, null);
  [temp] = await listChartVariables(t.db, 'met') as [ChartVariable];

  fast = await seedInstrument(t.db, { instrumentId: 'sonic', expectedIntervalSeconds: 0.05, variables: [{ name: 'u', unit: 'm s-1' }] });
  // Three hours of 20 Hz (216,000 values) with one extreme gust.
  await insertGenerated(t.db, { streamId: fast.streamId, variableId: fast.variableIds.u! }, START, START + 3 * H, 50, 'sin(i / 200.0) * 5');
  await insertValue(t.db, { streamId: fast.streamId, variableId: fast.variableIds.u! }, START + H + 1_234_550 % H, 42);
  // Parsers write null for NaN; a NaN that got stored anyway is no data either (never the envelope's max).
  await insertValue(t.db, { streamId: fast.streamId, variableId: fast.variableIds.u! }, START + 2 * H, Number.NaN);
  [wind] = await listChartVariables(t.db, 'sonic') as [ChartVariable];
}, 120_000);

afterAll(async () => t?.drop());

describe('the chart query on raw observations', () => {
  it('keeps the spike and the dip in the envelope with at most 1,500 points', async () => {
    const series = await readChartSeries(t.db, temp, { from: new Date(START), to: new Date(START + 2 * DAY), cadenceSeconds: 1, rawOnly: true });
    expect(series.source).toBe('raw');
    expect(series.points.length).toBeLessThanOrEqual(1500);
    expect(series.points.length).toBeGreaterThan(1000);
    expect(Math.max(...values(series.points).map((p) => p.max!))).toBe(1000);
    expect(Math.min(...values(series.points).map((p) => p.min!))).toBe(-1000);
    // The mean line stays near the wave: one second of spike moves a two-minute mean by about 8.
    const spikeBucket = values(series.points).find((p) => p.max === 1000)!;
    expect(spikeBucket.mean!).toBeLessThan(20);
    expect(values(series.points).every((p) => Number.isFinite(p.mean!) && p.min! <= p.mean! && p.mean! <= p.max!)).toBe(true);
  });

  it('draws the outage as one break and no point inside it', async () => {
    const series = await readChartSeries(t.db, temp, { from: new Date(START), to: new Date(START + 2 * DAY), cadenceSeconds: 1, rawOnly: true });
    const gaps = breaks(series.points);
    expect(gaps).toHaveLength(1);
    expect(gaps[0]!.t).toBeGreaterThanOrEqual(GAP_FROM - series.bucketSeconds * 1000);
    expect(gaps[0]!.t).toBeLessThan(GAP_TO);
    expect(values(series.points).some((p) => p.t > GAP_FROM && p.t + series.bucketSeconds * 1000 <= GAP_TO)).toBe(false);
  });

  it('treats a single missing second as a gap only when zoomed in far enough to see it', async () => {
    const around = START + 5 * H;
    const zoomed = await readChartSeries(t.db, temp, { from: new Date(around - 60_000), to: new Date(around + 60_000), cadenceSeconds: 1, rawOnly: true });
    expect(zoomed.bucketSeconds).toBeLessThan(1);
    expect(breaks(zoomed.points)).toHaveLength(1);
    const wide = await readChartSeries(t.db, temp, { from: new Date(START), to: new Date(START + 12 * H), cadenceSeconds: 1, rawOnly: true });
    expect(breaks(wide.points)).toHaveLength(0);
  });

  it('returns no points for a range without data', async () => {
    const series = await readChartSeries(t.db, temp, { from: new Date(GAP_FROM + 60_000), to: new Date(GAP_TO - 60_000), cadenceSeconds: 1 });
    expect(series.points).toEqual([]);
  });
});

describe('20 Hz data', () => {
  it('stays within 1,500 points over its whole span and keeps the gust', async () => {
    const series = await readChartSeries(t.db, wind, { from: new Date(START), to: new Date(START + 3 * H), cadenceSeconds: 0.05, rawOnly: true });
    expect(series.points.length).toBeLessThanOrEqual(1500);
    expect(Math.max(...values(series.points).map((p) => p.max!))).toBe(42);
    expect(breaks(series.points)).toHaveLength(0);
    expect(values(series.points).every((p) => Number.isFinite(p.max!) && Number.isFinite(p.mean!))).toBe(true);
    expect(values(series.points).length).toBeGreaterThan(1000);
  });

  it('shows every 20 Hz value when zoomed to a minute', async () => {
    const from = START + H;
    const series = await readChartSeries(t.db, wind, { from: new Date(from), to: new Date(from + 60_000), cadenceSeconds: 0.05 });
    expect(series.bucketSeconds).toBe(0.05);
    expect(values(series.points)).toHaveLength(1200);
    expect(breaks(series.points)).toHaveLength(0);
  });
});

describe('the roll-up path for long ranges', () => {
  beforeAll(async () => {
    await refreshRollups(t.db, new Date(START), new Date(START + 2 * DAY));
  }, 120_000);

  it('answers a long range from the 1-minute roll-up with the same buckets as the raw rows', async () => {
    const request = { from: new Date(START - 17_000), to: new Date(START + 2 * DAY + 4_000), cadenceSeconds: 1 };
    const fromRollup = await readChartSeries(t.db, temp, request);
    const fromRaw = await readChartSeries(t.db, temp, { ...request, rawOnly: true });
    expect(fromRollup.source).toBe('observations_1m');
    expect(values(fromRollup.points).map(({ t: at, min, max }) => ({ at, min, max })))
      .toEqual(values(fromRaw.points).map(({ t: at, min, max }) => ({ at, min, max })));
    const means = values(fromRollup.points).map((p) => p.mean!);
    values(fromRaw.points).forEach((p, i) => expect(means[i]).toBeCloseTo(p.mean!, 9));
    expect(breaks(fromRollup.points)).toHaveLength(1);
  });

  it('reads data newer than the roll-up from the raw rows (a refresh not run yet)', async () => {
    const series = { streamId: seeded.streamId, variableId: seeded.variableIds.T! };
    await insertGenerated(t.db, series, START + 2 * DAY, START + 2 * DAY + 2 * H, 1000, '-5');
    await insertValue(t.db, series, START + 2 * DAY + H, 777);
    const result = await readChartSeries(t.db, temp, { from: new Date(START), to: new Date(START + 2 * DAY + 2 * H), cadenceSeconds: 1 });
    expect(result.source).toBe('observations_1m');
    expect(Math.max(...values(result.points).map((p) => p.max!))).toBe(1000);
    const last = values(result.points).filter((p) => p.t >= START + 2 * DAY);
    expect(last.length).toBeGreaterThan(0);
    expect(Math.max(...last.map((p) => p.max!))).toBe(777);
    expect(Math.min(...last.map((p) => p.min!))).toBe(-5);
  });
});

describe('the roll-up path for long ranges, older data', () => {
  it('reads data older than anything rolled up from the raw rows (appended before the roll-ups existed)', async () => {
    const series = { streamId: seeded.streamId, variableId: seeded.variableIds.T! };
    await insertGenerated(t.db, series, START - DAY, START - DAY + H, 1000, '3');
    await insertValue(t.db, series, START - DAY + 1_800_000, -555);
    const result = await readChartSeries(t.db, temp, { from: new Date(START - DAY), to: new Date(START + 2 * DAY), cadenceSeconds: 1 });
    expect(result.source).toBe('observations_1m');
    const early = values(result.points).filter((p) => p.t < START);
    expect(Math.min(...early.map((p) => p.min!))).toBe(-555);
    expect(Math.max(...early.map((p) => p.max!))).toBe(3);
    expect(Math.max(...values(result.points).map((p) => p.max!))).toBe(1000);
  });
});

describe('profile grids', () => {
  it('fit a day of 10-second profiles into at most 600 columns, one row per gate, NaN elements ignored', async () => {
    const gates = 20;
    const p = await seedInstrument(t.db, { instrumentId: 'ceilo', expectedIntervalSeconds: 10, variables: [
      { name: 'beta', unit: 'm-1 sr-1', shape: 'profile', axis: { name: 'range', unit: 'm', values: Array.from({ length: gates }, (_, g) => g * 10) } },
    ] });
    // Gate g always reads g, except a NaN in the top gate of every other profile.
    await t.db.execute(sql`
      INSERT INTO profiles (time, stream_id, variable_id, values)
      SELECT to_timestamp(${START / 1000}::float8) + make_interval(secs => i * 10), ${p.streamId}::integer, ${p.variableIds.beta!}::integer,
             ARRAY(SELECT CASE WHEN g = ${gates} AND i % 2 = 0 THEN 'NaN'::real ELSE (g - 1)::real END FROM generate_series(1, ${gates}) AS g)
      FROM generate_series(0, 8639) AS i`);
    const [beta] = await listChartVariables(t.db, 'ceilo');
    const grid = await readProfileGrid(t.db, beta!, new Date(START), new Date(START + DAY));
    expect(grid.times.length).toBeLessThanOrEqual(600);
    expect(grid.times.length).toBeGreaterThan(250);
    expect(grid.axis.values).toHaveLength(gates);
    expect(grid.values).toHaveLength(grid.times.length * gates);
    for (let c = 0; c < grid.times.length; c++) {
      expect(grid.values.slice(c * gates, (c + 1) * gates)).toEqual(Array.from({ length: gates }, (_, g) => g));
    }
    expect([grid.min, grid.max]).toEqual([0, gates - 1]);
  });
});

describe('TimescaleDB', () => {
  it('uses time_bucket with the same results', async (context) => {
    const caps = await getCapabilities(t.db);
    if (!caps.timescaledb) {
      context.skip('this database has no timescaledb extension (run with DATABASE_URL pointing at TimescaleDB)');
      return;
    }
    const request = { from: new Date(START), to: new Date(START + 2 * DAY), cadenceSeconds: 1 };
    const envelope = await readChartSeries(t.db, temp, { ...request, rawOnly: true });
    expect(Math.max(...values(envelope.points).map((p) => p.max!))).toBe(1000);
    expect(breaks(envelope.points)).toHaveLength(1);
  });

  it('draws the toolkit\'s lttb as real points that keep the spike, the dip and the outage', async (context) => {
    const caps = await getCapabilities(t.db);
    if (!caps.toolkit) {
      context.skip('this database has no timescaledb_toolkit (run with DATABASE_URL pointing at TimescaleDB with the toolkit)');
      return;
    }
    const request = { from: new Date(START), to: new Date(START + 2 * DAY), cadenceSeconds: 1 };
    const lttb = await readChartSeries(t.db, temp, { ...request, method: 'lttb' });
    expect(lttb.method).toBe('lttb');
    expect(lttb.source).toBe('raw');
    const points = values(lttb.points);
    expect(points.length).toBeLessThanOrEqual(1500);
    expect(points.length).toBeGreaterThan(1000);
    // Real points: one value each, inside the range, in time order.
    expect(points.every((p) => p.min === p.max && p.max === p.mean && p.t >= START && p.t < START + 2 * DAY)).toBe(true);
    expect(lttb.points.every((p, i) => i === 0 || p.t > lttb.points[i - 1]!.t)).toBe(true);
    expect(points.find((p) => p.mean === 1000)?.t).toBe(SPIKE_AT);
    expect(points.find((p) => p.mean === -1000)?.t).toBe(DIP_AT);
    const gaps = breaks(lttb.points);
    expect(gaps).toHaveLength(1);
    expect(gaps[0]!.t).toBeGreaterThanOrEqual(GAP_FROM - 1000);
    expect(gaps[0]!.t).toBeLessThan(GAP_TO);
    // A smaller budget is honoured exactly as asked.
    const coarse = await readChartSeries(t.db, temp, { ...request, method: 'lttb', maxPoints: 100 });
    expect(values(coarse.points).length).toBeLessThanOrEqual(100);
  });
});
