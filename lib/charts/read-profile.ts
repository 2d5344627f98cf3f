// A profile variable (backscatter, brightness temperatures) as a time × gate grid small enough for the
// browser to paint as a time-height image: at most MAX_PROFILE_COLUMNS time buckets and MAX_PROFILE_ROWS
// gate groups, each cell the mean of its values.
import type { Database } from '../../db/client';
import { type ChartVariable, readProfileCells } from '../../db/queries/chart-series';
import { getCapabilities } from '../../db/timeseries/capabilities';
import { chooseBucketSeconds, MAX_PROFILE_COLUMNS } from './bucket-width';
import type { ProfileGrid } from './types';

export const MAX_PROFILE_ROWS = 400;

export async function readProfileGrid(db: Database, variable: ChartVariable, from: Date, to: Date): Promise<ProfileGrid> {
  const caps = await getCapabilities(db);
  const bucketSeconds = chooseBucketSeconds(from.getTime(), to.getTime(), MAX_PROFILE_COLUMNS);
  const gates = variable.axis?.values ?? [];
  const stride = Math.max(1, Math.ceil(gates.length / MAX_PROFILE_ROWS));
  const cells = await readProfileCells(db, caps, { streamId: variable.streamId, variableId: variable.id, from, to, bucketSeconds }, stride);
  // Without an axis in the catalogue, the rows are numbered by gate group.
  const rows = gates.length > 0 ? Math.ceil(gates.length / stride) : cells.reduce((n, c) => Math.max(n, c.gate + 1), 0);
  const axisValues = gates.length > 0 ? Array.from({ length: rows }, (_, g) => gates[g * stride]!) : Array.from({ length: rows }, (_, g) => g * stride);
  const times = [...new Set(cells.map((c) => c.t))];
  const column = new Map(times.map((t, i) => [t, i]));
  const values: (number | null)[] = new Array<number | null>(times.length * rows).fill(null);
  let min: number | null = null;
  let max: number | null = null;
  for (const cell of cells) {
    if (cell.gate >= rows) continue;
    values[column.get(cell.t)! * rows + cell.gate] = cell.mean;
    min = min === null ? cell.mean : Math.min(min, cell.mean);
    max = max === null ? cell.mean : Math.max(max, cell.mean);
  }
  return {
    variableId: variable.id, name: variable.name, unit: variable.unit,
    axis: { name: variable.axis?.name ?? 'gate', unit: variable.axis?.unit ?? null, values: axisValues },
    bucketSeconds, times, values, min, max,
  };
}
