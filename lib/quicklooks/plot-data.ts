// What the renderer draws: data already read and downsampled for one plot's time window. Produced by
// lib/quicklooks/read-plot-data.ts from the database, or built directly by tests.

import type { CurtainScale } from '../instruments/types';

export interface SeriesPoints {
  name: string;
  unit: string | null;
  /** UTC ms, ascending. */
  times: Float64Array;
  /** NaN where the value is missing. */
  values: Float64Array;
}

export interface TimeseriesPanelData {
  type: 'timeseries';
  title: string;
  series: SeriesPoints[];
  /** Consecutive points further apart than this are not joined: a gap in the data stays a gap in the line. */
  gapMs: number;
}

export interface CurtainPanelData {
  type: 'curtain';
  title: string;
  /** The variable's unit (before the scale is applied). */
  unit: string | null;
  scale: CurtainScale;
  /** What the colour bar calls the drawn units, when not derived from unit and scale. */
  unitLabel?: string;
  range?: [number, number];
  /** Columns span the plot's window evenly; rows run along the axis from its first value (bottom) upwards. */
  nx: number;
  ny: number;
  /** Row-major by column: grid[x * ny + y]; NaN where there is no data (drawn as background). */
  grid: Float32Array;
  axis: { name: string; unit: string | null; values: number[] };
}

export type PanelData = TimeseriesPanelData | CurtainPanelData;

export interface PlotData {
  title: string;
  startMs: number;
  endMs: number;
  panels: PanelData[];
}
