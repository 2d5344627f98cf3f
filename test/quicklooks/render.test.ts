// The quicklook renderer on its own: a real PNG of the expected size, curtains coloured by value with a
// colour bar, and lines that stop at gaps instead of bridging them (checked on the pixels).
import { describe, expect, it } from 'vitest';
import { colourAt, VIRIDIS } from '../../lib/quicklooks/colormap';
import { genericRecipe, effectiveRecipe } from '../../lib/quicklooks/generic-recipe';
import type { PlotData } from '../../lib/quicklooks/plot-data';
import { thumbnailPath } from '../../lib/quicklooks/product-paths';
import { drawPlot, MARGIN, PLOT_WIDTH, plotHeight, renderPlot } from '../../lib/quicklooks/render-plot';
import { renderThumbnail, THUMBNAIL_WIDTH, thumbnailSize } from '../../lib/quicklooks/thumbnail';
import { timeTicks, valueTicks } from '../../lib/quicklooks/ticks';
import type { CatalogVariable } from '../../db/queries/quicklook-series';
import { decodePng } from '../helpers/png-pixels';

const DAY = Date.UTC(2026, 10, 20);
const HOUR = 3_600_000;

function series(hours: number[], value: (h: number) => number) {
  const times = Float64Array.from(hours.map((h) => DAY + h * HOUR));
  return { times, values: Float64Array.from(hours.map(value)) };
}

const everyTenMinutes = (from: number, to: number) => Array.from({ length: (to - from) * 6 }, (_, i) => from + i / 6);

describe('renderPlot', () => {
  it('writes a PNG of the layout size', async () => {
    const plot: PlotData = { title: 't', startMs: DAY, endMs: DAY + 24 * HOUR, panels: [
      { type: 'timeseries', title: 'a', series: [{ name: 'x', unit: 'K', ...series(everyTenMinutes(0, 24), (h) => h) }], gapMs: 30 * 60_000 },
    ] };
    const png = renderPlot(plot);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const img = await decodePng(png);
    expect(img.width).toBe(PLOT_WIDTH);
    expect(img.height).toBe(plotHeight(plot));
  });

  it('breaks lines at gaps: nothing is drawn across a six-hour outage, the data either side is drawn', async () => {
    // Data 00-06 and 12-24 at a constant value: the line sits at the panel's vertical middle.
    const hours = [...everyTenMinutes(0, 6), ...everyTenMinutes(12, 24)];
    const plot: PlotData = { title: '', startMs: DAY, endMs: DAY + 24 * HOUR, panels: [
      { type: 'timeseries', title: '', series: [{ name: 'x', unit: null, ...series(hours, () => 5) }], gapMs: 30 * 60_000 },
    ] };
    const img = await decodePng(renderPlot(plot));
    const frameWidth = PLOT_WIDTH - MARGIN.left - MARGIN.right;
    const columnAt = (h: number) => Math.round(MARGIN.left + (h / 24) * frameWidth);
    const top = 40 + 22;
    const middle = top + 85;
    const coloured = (x: number) => [-3, -2, -1, 0, 1, 2, 3].some((dy) => {
      const [r, , b] = img.at(x, middle + dy);
      return b! > 150 && r! < 120; // the first series colour, #1f77b4
    });
    expect(coloured(columnAt(3))).toBe(true);
    expect(coloured(columnAt(18))).toBe(true);
    for (const h of [7, 8, 9, 10, 11]) expect(coloured(columnAt(h))).toBe(false);
  });

  it('draws a curtain whose colours follow the values, with no-data columns left blank', async () => {
    const nx = 96;
    const ny = 50;
    const grid = new Float32Array(nx * ny);
    for (let x = 0; x < nx; x++) for (let y = 0; y < ny; y++) grid[x * ny + y] = x >= 40 && x < 48 ? NaN : y;
    const plot: PlotData = { title: 'c', startMs: DAY, endMs: DAY + 24 * HOUR, panels: [
      { type: 'curtain', title: 'b', unit: 'm-1 sr-1', scale: 'linear', nx, ny, grid, axis: { name: 'range', unit: 'm', values: Array.from({ length: ny }, (_, i) => i * 10) } },
    ] };
    const img = await decodePng(renderPlot(plot));
    const frame = { x: MARGIN.left, y: 40 + 22, width: PLOT_WIDTH - MARGIN.left - MARGIN.right, height: 210 };
    const low = img.at(frame.x + 20, frame.y + frame.height - 3);
    const high = img.at(frame.x + 20, frame.y + 3);
    expect(low).not.toEqual(high);
    // Low values are viridis's dark purple end, high ones its yellow end.
    expect(low[2]!).toBeGreaterThan(low[1]!);
    expect(high[0]! + high[1]!).toBeGreaterThan(400);
    const blank = img.at(frame.x + Math.round((44 / nx) * frame.width), frame.y + frame.height / 2);
    expect(blank).toEqual([0xf2, 0xf2, 0xf2]);
    // The colour bar runs the whole map, yellow at its top.
    const bar = img.at(frame.x + frame.width + 20, frame.y + 2);
    expect(bar[0]! + bar[1]!).toBeGreaterThan(400);
  });

  it('draws noise at or below zero on a log scale in the lowest colour, not as missing', async () => {
    const nx = 10;
    const ny = 10;
    const grid = new Float32Array(nx * ny).map((_, i) => (i % ny < 5 ? -1e-7 : 1e-5 * (i % ny)));
    const plot: PlotData = { title: '', startMs: DAY, endMs: DAY + 24 * HOUR, panels: [
      { type: 'curtain', title: '', unit: null, scale: 'log', nx, ny, grid, axis: { name: 'range', unit: 'm', values: Array.from({ length: ny }, (_, i) => i) } },
    ] };
    const img = await decodePng(renderPlot(plot));
    const bottom = img.at(MARGIN.left + 50, 40 + 22 + 205);
    expect(bottom).toEqual(colourAt(0));
  });

  it('renders empty panels and NaN-only data without throwing', async () => {
    const plot: PlotData = { title: '', startMs: DAY, endMs: DAY + 24 * HOUR, panels: [
      { type: 'timeseries', title: '', series: [{ name: 'x', unit: null, times: new Float64Array([DAY]), values: new Float64Array([NaN]) }], gapMs: 1 },
      { type: 'curtain', title: '', unit: null, scale: 'log', nx: 1, ny: 1, grid: new Float32Array([-5]), axis: { name: 'i', unit: null, values: [] } },
    ] };
    expect((await decodePng(renderPlot(plot))).width).toBe(PLOT_WIDTH);
  });
});

describe('axes and colour map', () => {
  it('puts time ticks on round UTC hours and labels midnight with the date', () => {
    const ticks = timeTicks(DAY, DAY + 24 * HOUR);
    expect(ticks.map((t) => t.label)).toEqual(['11-20', '03:00', '06:00', '09:00', '12:00', '15:00', '18:00', '21:00', '11-21']);
  });

  it('chooses round value ticks', () => {
    expect(valueTicks(0, 10).map((t) => t.value)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(valueTicks(NaN, 1)).toEqual([]);
  });

  it('is viridis from dark purple to yellow, monotonic in lightness', () => {
    expect(colourAt(0)).toEqual([0x44, 0x01, 0x54]);
    expect(colourAt(1)).toEqual([0xfd, 0xe7, 0x25]);
    const lightness = (i: number) => 0.2126 * VIRIDIS[i * 3]! + 0.7152 * VIRIDIS[i * 3 + 1]! + 0.0722 * VIRIDIS[i * 3 + 2]!;
    for (let i = 1; i < 256; i++) expect(lightness(i)).toBeGreaterThanOrEqual(lightness(i - 1) - 0.5);
  });
});

describe('recipes', () => {
  const v = (name: string, shape: 'scalar' | 'profile', unit: string | null, stream = 'Public'): CatalogVariable =>
    ({ ids: [1], streamIds: [1], name, stream, unit, shape, axis: null });

  it('groups the first scalars by unit and adds the first profile as a curtain', () => {
    const recipe = genericRecipe([v('RECORD', 'scalar', null), v('T', 'scalar', 'degC'), v('RH', 'scalar', '%'), v('Td', 'scalar', 'degC'), v('beta', 'profile', 'm-1 sr-1', 'p')]);
    expect(recipe.plots).toHaveLength(1);
    expect(recipe.plots[0]!.panels).toEqual([
      expect.objectContaining({ type: 'timeseries', variables: ['T', 'Td'] }),
      expect.objectContaining({ type: 'timeseries', variables: ['RH'] }),
      expect.objectContaining({ type: 'curtain', variable: 'beta', stream: 'p' }),
    ]);
  });

  it("keeps only a kind's variables that exist, and falls back to the generic recipe", () => {
    const recipe = { plots: [{ name: 'p', title: 'P', panels: [{ type: 'timeseries' as const, title: 't', variables: ['A', 'B'] }] }] };
    expect(effectiveRecipe(recipe, [v('B', 'scalar', null)]).plots[0]!.panels[0]).toMatchObject({ variables: ['B'] });
    expect(effectiveRecipe(recipe, [v('C', 'scalar', null)]).plots[0]!.name).toBe('overview');
    expect(effectiveRecipe(recipe, []).plots).toEqual([]);
  });
});

describe('thumbnails', () => {
  it('scales the drawn plot to 256 px wide, keeping its aspect ratio and its lines', async () => {
    const plot: PlotData = { title: 't', startMs: DAY, endMs: DAY + 24 * HOUR, panels: [
      { type: 'timeseries', title: 'a', series: [{ name: 'x', unit: 'K', ...series(everyTenMinutes(0, 24), () => 1) }], gapMs: 30 * 60_000 },
    ] };
    const img = await decodePng(renderThumbnail(drawPlot(plot).canvas));
    expect(img.width).toBe(THUMBNAIL_WIDTH);
    expect(img.height).toBe(Math.round((plotHeight(plot) * THUMBNAIL_WIDTH) / PLOT_WIDTH));
    // The constant series is one horizontal line across the panel: averaged with the white around it, its
    // colour (blue) survives the scaling where the grey axes and text stay grey.
    const scale = THUMBNAIL_WIDTH / PLOT_WIDTH;
    const column = Math.round((MARGIN.left + (PLOT_WIDTH - MARGIN.left - MARGIN.right) / 2) * scale);
    const bluish = Array.from({ length: img.height }, (_, y) => img.at(column, y)).filter(([r, g, b]) => b! > r! + 20 && b! > g! + 8);
    expect(bluish.length).toBeGreaterThan(0);
  });

  it('never enlarges, and names the file beside its image', () => {
    expect(thumbnailSize(1200, 530)).toEqual({ width: 256, height: 113 });
    expect(thumbnailSize(200, 100)).toEqual({ width: 200, height: 100 });
    expect(thumbnailSize(10_000, 1)).toEqual({ width: 256, height: 1 });
    expect(thumbnailPath('products/quicklooks/met/2026/met_20261120_timeseries.png')).toBe('products/quicklooks/met/2026/met_20261120_timeseries.thumb.png');
    expect(() => thumbnailPath('products/timelapse/cam/2026/cam_20261120_timelapse.mp4')).toThrow(/not a quicklook image path/);
  });
});
