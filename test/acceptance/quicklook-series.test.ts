// Acceptance: a time-series quicklook drawn from a real logger file. The Toxx TOA5 sample (five days of
// 5-minute records from a CR1000X: panel temperature and battery voltage) is appended through the real
// pipeline and the real quicklooks job draws one whole day of it; the PNG is read back and the line is
// compared with the parsed records: where it starts and ends on the time axis and where it sits on the value
// axis. The image is kept in test-results/screenshots. Skipped, with the reason printed, without the samples.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayWindow } from '../../lib/quicklooks/product-paths';
import { type QuicklooksRun, runQuicklooks } from '../../lib/quicklooks/run-quicklooks';
import { screenshotPath } from '../helpers/browser';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { scalarSeries } from '../helpers/fixtures/hatpro';
import { correlation, decodePng } from '../helpers/png-pixels';
import { appendSample, parseSample, samplesPresent } from '../helpers/real-samples';

const SAMPLE = 'campbell-toa5/toxx_DemoOutputToa5.dat';
const DAY = '2020-03-10';
const { present, reason } = samplesPresent([SAMPLE]);
if (!present) console.warn(`quicklook time series from a real sample skipped: ${reason}`);

let t: TestDatabase;
let dataDir: string;
let run: QuicklooksRun | undefined;

beforeAll(async () => {
  if (!present) return;
  t = await createTestDatabase();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldops-real-series-'));
  await appendSample(t.db, dataDir, 'logger', 'campbell-toa5', SAMPLE);
  run = await runQuicklooks({ db: t.db, dataDir, instrumentId: 'logger', day: DAY });
}, 120_000);

afterAll(async () => {
  for (const image of run?.images ?? []) fs.copyFileSync(path.join(dataDir, image.path), screenshotPath(`quicklook-real-${path.basename(image.path, '.png')}`));
  await t?.drop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Pixels of the first series colour (#1f77b4, anti-aliased against white): clearly blue, not grey. */
const onLine = ([r, , b]: [number, number, number]) => b - r > 50;

describe.skipIf(!present)(`quicklook time series from ${SAMPLE}`, () => {
  it('draws the panel temperature over the whole day, each record at its time and value', async () => {
    // The program's columns are none of the met recipe's, so the generic recipe draws them, one panel per unit.
    expect(run!.images.map((i) => i.kind)).toEqual(['overview']);
    const image = run!.images[0]!;
    const pixels = await decodePng(fs.readFileSync(path.join(dataDir, image.path)));
    expect([pixels.width, pixels.height]).toEqual([1200, 40 + 2 * 222 + 6]);
    expect(image.panels.map((p) => p.title)).toEqual(['panel_temp (°C)', 'battery_voltage, battery_voltage_Min (volts)']);
    const { frame } = image.panels[0]!;

    const window = dayWindow(DAY);
    const records = scalarSeries(await parseSample('campbell-toa5', SAMPLE), 'panel_temp')
      .filter((p) => p.timeMs >= window.from.getTime() && p.timeMs < window.to.getTime() && p.value !== null);
    expect(records).toHaveLength(288);
    const xOf = (timeMs: number) => frame.x + ((timeMs - window.from.getTime()) / 86_400_000) * frame.width;

    // The line's mean height in every pixel column it crosses.
    const lineY = new Map<number, number>();
    for (let x = frame.x + 1; x < frame.x + frame.width; x++) {
      const ys: number[] = [];
      for (let y = frame.y + 1; y < frame.y + frame.height; y++) if (onLine(pixels.at(x, y))) ys.push(y);
      if (ys.length > 0) lineY.set(x, ys.reduce((s, y) => s + y, 0) / ys.length);
    }
    // Time: from the first record of the day to the last, unbroken (5-minute records, no gap), nothing outside.
    const columns = [...lineY.keys()];
    const [first, last] = [xOf(records[0]!.timeMs), xOf(records.at(-1)!.timeMs)];
    expect(Math.abs(columns[0]! - first)).toBeLessThanOrEqual(3);
    expect(Math.abs(columns.at(-1)! - last)).toBeLessThanOrEqual(3);
    expect(columns.length).toBeGreaterThanOrEqual(0.97 * (last - first));

    // Values: the axis spans the day's minimum to maximum with 6 % room either side, higher values higher up.
    const values = records.map((p) => p.value!);
    const [min, max] = [Math.min(...values), Math.max(...values)];
    const [lo, hi] = [min - 0.06 * (max - min), max + 0.06 * (max - min)];
    const yOf = (v: number) => frame.y + frame.height - ((v - lo) / (hi - lo)) * frame.height;
    const yAt = (timeMs: number) => lineY.get(Math.round(xOf(timeMs)));
    const at = (v: number) => records.find((p) => p.value === v)!.timeMs;
    expect(Math.abs(yAt(at(max))! - yOf(max))).toBeLessThanOrEqual(3);
    expect(Math.abs(yAt(at(min))! - yOf(min))).toBeLessThanOrEqual(3);
    const drawnValues = records.map((p) => yAt(p.timeMs) ?? null);
    expect(correlation(records.map((p) => -yOf(p.value!)), drawnValues.map((y) => (y === null ? null : -y)))).toBeGreaterThan(0.99);
  });
});
