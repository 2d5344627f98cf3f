// Shapes shared by the chart query (db/queries/chart-series.ts), the series route and the browser charts.

/** One time bucket of one scalar series. Times are epoch milliseconds. */
export interface SeriesBucket {
  /** Bucket start. */
  t: number;
  min: number;
  max: number;
  mean: number;
  /** Values in the bucket (an estimate of one per point when the method is lttb). */
  count: number;
  /** Time of the first and last value in the bucket: where the data really starts and stops. */
  first: number;
  last: number;
}

/** A chart point; a point with null values is a break: the line stops there and starts again after it. */
export interface ChartPoint {
  t: number;
  min: number | null;
  max: number | null;
  mean: number | null;
}

/** `envelope`: min/max band and mean per bucket (any database); `lttb`: the toolkit's real points. */
export const DOWNSAMPLE_METHODS = ['envelope', 'lttb'] as const;
export type DownsampleMethod = (typeof DOWNSAMPLE_METHODS)[number];
/** Which table answered: raw observations, or a roll-up (with the newest part read raw). */
export type SeriesSource = 'raw' | 'observations_1m' | 'observations_1h';

export interface ChartSeries {
  variableId: number;
  name: string;
  unit: string | null;
  bucketSeconds: number;
  method: DownsampleMethod;
  source: SeriesSource;
  points: ChartPoint[];
}

/** A profile variable on a time × gate grid, for a time-height image. */
export interface ProfileGrid {
  variableId: number;
  name: string;
  unit: string | null;
  axis: { name: string; unit: string | null; values: number[] };
  bucketSeconds: number;
  /** Column start times (epoch ms), ascending. */
  times: number[];
  /** Row g of column c is values[c * axis.values.length + g]; null where there was no data. */
  values: (number | null)[];
  min: number | null;
  max: number | null;
}
