// Acceptance: curtains drawn from real instrument files. Each sample in ../shared/samples with profile data
// (CL61 backscatter, HATPRO boundary-layer scans, RPG FMCW radar moments) is appended through the real
// pipeline and the real quicklooks job draws its day; the PNG is then read back and compared with the data the
// parser reads from the same file: where the data is in time and height, the colour limits, the colour bar,
// and the profile the colours show. The images are kept in test-results/screenshots for a human to look at.
// Skipped, with the reason printed, where the samples are absent.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { listInstrumentVariables } from '../../db/queries/quicklook-series';
import { instrumentKind } from '../../lib/instruments/registry';
import { effectiveRecipe } from '../../lib/quicklooks/generic-recipe';
import { dayWindow } from '../../lib/quicklooks/product-paths';
import { readPlotData } from '../../lib/quicklooks/read-plot-data';
import { type DrawnPanel, renderPlot } from '../../lib/quicklooks/render-plot';
import { type QuicklooksRun, runQuicklooks } from '../../lib/quicklooks/run-quicklooks';
import { screenshotPath } from '../helpers/browser';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { type CurtainExpectation, expectedRows, observedRows, paintedColumns, rowsWithData } from '../helpers/curtain-expectations';
import { blockMeans, correlation, decodePng, distinctColours, type Pixels, quantile, viridisFraction } from '../helpers/png-pixels';
import { appendSample, parseSample, profileVariable, samplesPresent } from '../helpers/real-samples';

interface Case {
  instrumentId: string;
  kind: string;
  sample: string;
  day: string;
  plot: string;
  /** 1200 wide; 40 px header, 262 px per curtain and 222 per time-series panel, 6 px foot. */
  height: number;
  /**
   * minCorrelation: between the data's and the image's mean profile (0: not checked, for a sparse moment whose
   * few gates the day view thins out). The job draws at most four profiles per time bucket, so a file with
   * more than that per bucket (the 2021 CL61, 5 s profiles) matches its all-profile mean less closely.
   */
  panels: (CurtainExpectation & { title: string; minColours: number; minCorrelation: number })[];
}

const CASES: Case[] = [
  {
    instrumentId: 'cl61-2023', kind: 'vaisala-cl61', sample: 'vaisala-cl61/cl61d-2_live_20230730_001125.nc', day: '2023-07-30', plot: 'backscatter', height: 792,
    panels: [
      { title: 'Attenuated backscatter', variable: 'beta_att', scale: 'log', range: [-7, -4], layout: 'to-scale', minColours: 60, minCorrelation: 0.8 },
      { title: 'Linear depolarisation ratio', variable: 'linear_depol_ratio', scale: 'linear', range: [0, 0.5], layout: 'to-scale', minColours: 30, minCorrelation: 0.6 },
    ],
  },
  {
    // Its profiles run from 23:59:20 over midnight: the 28th shows the part before it, at the right edge.
    instrumentId: 'cl61-2021', kind: 'vaisala-cl61', sample: 'vaisala-cl61/cl61d_live_20210829_000020.nc', day: '2021-08-28', plot: 'backscatter', height: 792,
    panels: [{ title: 'Attenuated backscatter', variable: 'beta_att', scale: 'log', range: [-7, -4], layout: 'to-scale', minColours: 60, minCorrelation: 0.5 }],
  },
  {
    instrumentId: 'hatpro', kind: 'rpg-hatpro', sample: 'rpg-hatpro/hatpro-mwrpy/230401.BLB', day: '2023-04-01', plot: 'scans', height: 570,
    panels: [
      { title: 'Brightness temperature, 52.28 GHz scan (K)', variable: 'brightness_temperature_52.28GHz', scale: 'linear', layout: 'banded', minColours: 40, minCorrelation: 0.99 },
      { title: 'Brightness temperature, 54.94 GHz scan (K)', variable: 'brightness_temperature_54.94GHz', scale: 'linear', layout: 'banded', minColours: 100, minCorrelation: 0.99 },
    ],
  },
  {
    instrumentId: 'fmcw', kind: 'rpg-fmcw', sample: 'rpg-fmcw/BaseN_210913_001152_P01_PPI.LV1', day: '2021-09-13', plot: 'reflectivity', height: 1094,
    panels: [
      { title: 'Reflectivity (dBZ)', variable: 'Ze', scale: 'dB', range: [-50, 20], layout: 'to-scale', minColours: 8, minCorrelation: 0.7 },
      { title: 'Doppler velocity (m s-1)', variable: 'v', scale: 'linear', range: [-4, 4], layout: 'to-scale', minColours: 8, minCorrelation: 0 },
    ],
  },
];

const { present, reason } = samplesPresent(CASES.map((c) => c.sample));
if (!present) console.warn(`quicklook curtains from real samples skipped: ${reason}`);

let t: TestDatabase;
let dataDir: string;
const runs = new Map<string, QuicklooksRun>();

beforeAll(async () => {
  if (!present) return;
  t = await createTestDatabase();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldops-real-curtains-'));
  for (const c of CASES) {
    await appendSample(t.db, dataDir, c.instrumentId, c.kind, c.sample);
    runs.set(c.instrumentId, await runQuicklooks({ db: t.db, dataDir, instrumentId: c.instrumentId, day: c.day }));
    // A file of a few minutes is a sliver on its day: the same plot over the file's own minutes, for a human.
    fs.writeFileSync(screenshotPath(`quicklook-real-${c.instrumentId}_${c.plot}_file-span`), await renderOwnSpan(t.db, c));
  }
}, 300_000);

afterAll(async () => {
  for (const run of runs.values()) {
    for (const image of run.images) fs.copyFileSync(path.join(dataDir, image.path), screenshotPath(`quicklook-real-${path.basename(image.path, '.png')}`));
  }
  await t?.drop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

/** The plot drawn over the minutes the instrument's profiles span (not a product: for looking at). */
async function renderOwnSpan(db: Database, c: Case): Promise<Buffer> {
  const variables = await listInstrumentVariables(db, c.instrumentId);
  const plot = effectiveRecipe(instrumentKind(c.kind)?.quicklook, variables).plots.find((p) => p.name === c.plot)!;
  const times = profileVariable(await parseSample(c.kind, c.sample), c.panels[0]!.variable).rows.map((r) => r.timeMs);
  const minute = 60_000;
  const window = { from: new Date(Math.floor(Math.min(...times) / minute) * minute), to: new Date(Math.ceil((Math.max(...times) + 1) / minute) * minute) };
  return renderPlot(await readPlotData(db, plot, variables, window, `${plot.title} · ${c.instrumentId} · the file's own span`));
}

describe.skipIf(!present)('quicklook curtains from real instrument files', () => {
  for (const c of CASES) {
    describe(`${c.sample} (${c.day})`, () => {
      let pixels: Pixels;
      let drawn: DrawnPanel[];

      it(`the job draws a ${c.plot} image of 1200 x ${c.height} px that decodes`, async () => {
        const image = runs.get(c.instrumentId)!.images.find((i) => i.kind === c.plot);
        expect(image, `images: ${runs.get(c.instrumentId)!.images.map((i) => i.kind)}`).toBeDefined();
        pixels = await decodePng(fs.readFileSync(path.join(dataDir, image!.path)));
        expect([pixels.width, pixels.height]).toEqual([1200, c.height]);
        drawn = image!.panels;
      });

      for (const p of c.panels) {
        it(`${p.title}: drawn where and as the data is`, async () => {
          const panel = drawn.find((d) => d.title === p.title);
          if (panel?.type !== 'curtain' || !panel.colourRange || !panel.colourBar) throw new Error(`no drawn curtain '${p.title}'`);
          const { frame, colourRange: [lo, hi], colourBar } = panel;
          const window = dayWindow(c.day);
          const data = profileVariable(await parseSample(c.kind, c.sample), p.variable);
          const rows = data.rows.filter((r) => r.timeMs >= window.from.getTime() && r.timeMs < window.to.getTime());
          expect(rows.length).toBeGreaterThan(0);

          // Colour limits: the recipe's fixed ones, else the 1st and 99th percentiles of the day's data.
          const values = rows.flatMap((r) => Array.from(r.values)).map((v) => (p.scale === 'linear' ? v : v > 0 ? (p.scale === 'dB' ? 10 : 1) * Math.log10(v) : NaN)).filter(Number.isFinite);
          if (p.range) expect([lo, hi]).toEqual(p.range);
          else {
            const spread = quantile(values, 0.99) - quantile(values, 0.01);
            expect(Math.abs(lo - quantile(values, 0.01))).toBeLessThan(0.02 * spread);
            expect(Math.abs(hi - quantile(values, 0.99))).toBeLessThan(0.02 * spread);
          }
          // Whatever the limits, the bulk of the data is inside them, not all piled on one end of the map.
          expect(quantile(values, 0.5)).toBeGreaterThan(lo);
          expect(quantile(values, 0.5)).toBeLessThan(hi);

          // The colour bar: the whole map, yellow (high) at the top, dark purple (low) at the bottom.
          const barX = colourBar.x + Math.floor(colourBar.width / 2);
          const bar = Array.from({ length: colourBar.height - 2 }, (_, i) => viridisFraction(pixels.at(barX, colourBar.y + 1 + i)));
          expect(bar.every((f) => f !== null)).toBe(true);
          expect(bar[0]).toBeGreaterThan(0.98);
          expect(bar.at(-1)).toBeLessThan(0.02);
          expect(bar.every((f, i) => i === 0 || f! <= bar[i - 1]!)).toBe(true);

          // Time: painted columns start and end where the data's first and last profiles fall on the day axis.
          const xOf = (timeMs: number) => frame.x + ((timeMs - window.from.getTime()) / 86_400_000) * frame.width;
          // A profile is drawn as wide as its time bucket: a pixel column, or the data's own spacing when wider.
          const spacings = rows.slice(1).map((r, i) => r.timeMs - rows[i]!.timeMs);
          const slack = Math.max(2, spacings.length > 0 ? (quantile(spacings, 0.5) / 86_400_000) * frame.width + 1 : 2);
          const columns = paintedColumns(pixels, frame);
          expect(columns.length).toBeGreaterThan(0);
          expect(Math.abs(columns[0]! - xOf(rows[0]!.timeMs))).toBeLessThanOrEqual(slack);
          expect(Math.abs(columns.at(-1)! - xOf(rows.at(-1)!.timeMs))).toBeLessThanOrEqual(slack);
          const painted = { x: columns[0]!, y: frame.y, width: columns.at(-1)! - columns[0]! + 1, height: frame.height };
          expect(distinctColours(pixels, painted)).toBeGreaterThanOrEqual(p.minColours);

          // Height: pixel rows are painted where the data has values (and the persistent layers are all there).
          const expected = expectedRows(p, data.axis, rows, frame.height, [lo, hi]);
          const observed = observedRows(pixels, { ...painted, x: frame.x, width: frame.width }, [lo, hi]);
          const { anywhere, mostly } = rowsWithData(p, data.axis, rows, frame.height);
          const paintedRows = observed.flatMap((v, y) => (v === null ? [] : [y]));
          expect(paintedRows.filter((y) => !anywhere.has(y)).length).toBeLessThanOrEqual(0.05 * frame.height);
          expect([...mostly].filter((y) => observed[y] === null).length).toBeLessThanOrEqual(0.05 * mostly.size);
          // And the colours follow the data's profile, the right way up (upside down, these correlations are
          // negative), compared over blocks of 10 rows so that single-gate noise does not decide.
          if (p.minCorrelation > 0) expect(correlation(blockMeans(expected, 10), blockMeans(observed, 10))).toBeGreaterThan(p.minCorrelation);
        });
      }
    });
  }
});
