// Turns one recipe plot into PlotData for a time window, reading from the database through
// db/queries/quicklook-series.ts. Series are averaged into buckets no finer than a pixel column or the data's
// own cadence; profiles also into at most MAX_BINS axis bins, read a few hours at a time (bounded memory).
import type { Database } from '../../db/client';
import { type CatalogVariable, readProfileCells, readScalarBuckets, type SeriesIds, typicalIntervalSeconds, type Window } from '../../db/queries/quicklook-series';
import type { QuicklookPanel, QuicklookPlot } from '../instruments/types';
import type { CurtainPanelData, PanelData, PlotData, SeriesPoints, TimeseriesPanelData } from './plot-data';

const COLUMNS = 1000;
const MAX_BINS = 300;
const SLICE_MS = 6 * 3_600_000;
/** Points further apart than this many buckets (or data intervals) are a gap, not a line. */
const GAP_FACTOR = 2.5;

export async function readPlotData(db: Database, plot: QuicklookPlot, variables: CatalogVariable[], window: Window, title: string): Promise<PlotData> {
  const panels: PanelData[] = [];
  for (const panel of plot.panels) panels.push(await readPanel(db, panel, variables, window));
  return { title, startMs: window.from.getTime(), endMs: window.to.getTime(), panels };
}

function find(variables: CatalogVariable[], name: string, stream?: string): CatalogVariable | undefined {
  return variables.find((v) => v.name === name && (!stream || v.stream === stream));
}

function idsOf(vars: CatalogVariable[]): SeriesIds {
  return { streamIds: [...new Set(vars.flatMap((v) => v.streamIds))], variableIds: vars.flatMap((v) => v.ids) };
}

async function bucketSecondsFor(db: Database, table: 'observations' | 'profiles', ids: SeriesIds, window: Window): Promise<{ bucket: number; interval: number }> {
  const windowSeconds = (window.to.getTime() - window.from.getTime()) / 1000;
  const interval = (await typicalIntervalSeconds(db, table, ids, window)) ?? windowSeconds / COLUMNS;
  return { bucket: niceBucket(Math.max(windowSeconds / COLUMNS, interval)), interval };
}

// Bucket widths that divide an hour (and so the six-hour slices and the day): a bucket never straddles two
// slices, and columns line up with the time ticks.
const NICE_SECONDS = [1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30, 60, 90, 120, 180, 240, 300, 360, 600, 720, 900, 1200, 1800, 3600];

export function niceBucket(seconds: number): number {
  return NICE_SECONDS.find((s) => s >= seconds - 1e-9) ?? 3600;
}

async function readPanel(db: Database, panel: QuicklookPanel, variables: CatalogVariable[], window: Window): Promise<PanelData> {
  if (panel.type === 'timeseries') {
    const vars = panel.variables.map((name) => find(variables, name, panel.stream)).filter((v): v is CatalogVariable => v !== undefined);
    return readTimeseries(db, panel.title, vars, window);
  }
  const variable = find(variables, panel.variable, panel.stream);
  return readCurtain(db, panel, variable, window);
}

async function readTimeseries(db: Database, title: string, vars: CatalogVariable[], window: Window): Promise<TimeseriesPanelData> {
  const ids = idsOf(vars);
  const { bucket, interval } = await bucketSecondsFor(db, 'observations', ids, window);
  const rows = await readScalarBuckets(db, ids, window, bucket);
  const nameOf = new Map<number, CatalogVariable>();
  for (const v of vars) for (const id of v.ids) nameOf.set(id, v);
  const points = new Map<CatalogVariable, { t: number[]; v: number[] }>(vars.map((v) => [v, { t: [], v: [] }]));
  for (const row of rows) {
    const target = points.get(nameOf.get(row.variableId)!)!;
    target.t.push(row.bucketMs + (bucket * 1000) / 2);
    target.v.push(row.value ?? NaN);
  }
  const series: SeriesPoints[] = vars.map((v) => {
    const p = points.get(v)!;
    return { name: v.name, unit: v.unit, times: Float64Array.from(p.t), values: Float64Array.from(p.v) };
  });
  return { type: 'timeseries', title, series, gapMs: GAP_FACTOR * Math.max(bucket, interval) * 1000 };
}

async function readCurtain(db: Database, panel: Extract<QuicklookPanel, { type: 'curtain' }>, variable: CatalogVariable | undefined, window: Window): Promise<CurtainPanelData> {
  const axisValues = variable?.axis?.values ?? [];
  const empty: CurtainPanelData = {
    type: 'curtain', title: panel.title, unit: variable?.unit ?? null, scale: panel.scale, range: panel.range, unitLabel: panel.unitLabel,
    nx: 1, ny: 1, grid: new Float32Array([NaN]), axis: { name: variable?.axis?.name ?? 'index', unit: variable?.axis?.unit ?? null, values: [] },
  };
  if (!variable) return empty;
  const ids = idsOf([variable]);
  const { bucket } = await bucketSecondsFor(db, 'profiles', ids, window);
  const startMs = window.from.getTime();
  const nx = Math.max(1, Math.ceil((window.to.getTime() - startMs) / (bucket * 1000)));
  const length = Math.max(1, axisValues.length);
  const binSize = Math.max(1, Math.ceil(length / MAX_BINS));
  const ny = Math.ceil(length / binSize);
  const grid = new Float32Array(nx * ny).fill(NaN);
  for (let sliceStart = startMs; sliceStart < window.to.getTime(); sliceStart += SLICE_MS) {
    const slice = { from: new Date(sliceStart), to: new Date(Math.min(window.to.getTime(), sliceStart + SLICE_MS)) };
    for (const cell of await readProfileCells(db, ids, slice, bucket, binSize)) {
      const x = Math.min(nx - 1, Math.max(0, Math.floor((cell.bucketMs - startMs) / (bucket * 1000))));
      if (cell.bin < ny) grid[x * ny + cell.bin] = cell.value;
    }
  }
  const binAxis = axisValues.length > 0 ? Array.from({ length: ny }, (_, b) => axisValues[b * binSize]!) : Array.from({ length: ny }, (_, b) => b * binSize);
  return { ...empty, nx, ny, grid, axis: { ...empty.axis, values: binAxis } };
}
