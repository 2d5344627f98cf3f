// Scalar series. They are small (a few values per profile), so each is read whole when the file is opened
// and kept as columns; only the profiles are worth reading batch by batch.
import { ParseError, type VariableMeta } from '../types';
import type { Hdf5Reader } from './snapshot';
import type { Cl61Core } from './schema';
import { readTimes } from './schema';
import { fillTestFor, seriesFrom } from './values';
import {
  DIAGNOSTICS_STREAM,
  SCALAR_STREAM,
  SCALAR_VARIABLES,
  SNAPSHOT_GROUPS,
  TIME_SERIES_GROUPS,
  describeVariable,
  streamForGroup,
} from './variables';

/** Rows of one stream: `columns[v][row]` is variable v at `timesMs[row]`. */
export interface ScalarTable {
  stream: string;
  variables: VariableMeta[];
  timesMs: (number | null)[];
  columns: (number | null)[][];
}

/** Root variables on the profile dimension (cloud bases, sky condition, ...): stream `cl61_scalars`. */
export function readProfileScalars(reader: Hdf5Reader, fileName: string, core: Cl61Core): ScalarTable | null {
  const rowCount = core.timesMs.length;
  const variables: VariableMeta[] = [];
  const columns: (number | null)[][] = [];
  for (const [name, known] of Object.entries(SCALAR_VARIABLES)) {
    if (known.schemas && !known.schemas.includes(core.schema)) continue;
    const info = reader.dataset(name);
    if (!info || info.kind === 'other' || info.shape.length === 0 || info.shape.length > 2) continue;
    // Only the profile/time dimension is unlimited in CL61 files; anything else is not a per-profile series.
    if (!info.unlimited) continue;
    const storedRows = info.shape[0] ?? 0;
    checkStoredRows(fileName, name, storedRows, rowCount, 'time');
    const attributes = reader.attributes(name);
    const isFill = fillTestFor(info, attributes, known.cloudFill);
    const raw = reader.readNumbers(name);
    const width = info.shape[1] ?? 1;
    const layered = info.shape.length === 2;
    for (let column = 0; column < width; column++) {
      // Layers are numbered from 1 by position: the `layer` coordinate itself is 0-4 in 2021 files, 1-5 in 2023.
      const seriesName = layered ? `${name}_${column + 1}` : name;
      const extra = layered ? { layer: column + 1, source_variable: name } : undefined;
      variables.push(describeVariable(seriesName, attributes, { known, shape: 'scalar', extra }));
      columns.push(seriesFrom(raw, storedRows, width, column, rowCount, isFill));
    }
  }
  return variables.length > 0 ? { stream: SCALAR_STREAM, variables, timesMs: core.timesMs, columns } : null;
}

/** 2023 groups of datasets with their own `time` (monitoring, status): one stream per group. */
export function readGroupSeries(reader: Hdf5Reader, fileName: string, group: string): ScalarTable | null {
  const timePath = `${group}/time`;
  const timeInfo = reader.dataset(timePath);
  if (!timeInfo || timeInfo.shape.length !== 1) return null;
  const timesMs = readTimes(reader, fileName, timePath, timeInfo);
  const variables: VariableMeta[] = [];
  const columns: (number | null)[][] = [];
  for (const member of reader.members(group)) {
    const path = `${group}/${member}`;
    const info = member === 'time' ? null : reader.dataset(path);
    if (!info || info.kind === 'other' || info.shape.length !== 1) continue;
    const storedRows = info.shape[0] ?? 0;
    checkStoredRows(fileName, path, storedRows, timesMs.length, timePath);
    const attributes = reader.attributes(path);
    variables.push(describeVariable(member, attributes, { shape: 'scalar', extra: { group } }));
    columns.push(seriesFrom(reader.readNumbers(path), storedRows, 1, 0, timesMs.length, fillTestFor(info, attributes)));
  }
  return variables.length > 0 ? { stream: streamForGroup(group), variables, timesMs, columns } : null;
}

export function readAllGroupSeries(reader: Hdf5Reader, fileName: string): ScalarTable[] {
  return TIME_SERIES_GROUPS.flatMap((group) => readGroupSeries(reader, fileName, group) ?? []);
}

/**
 * 2021 groups that hold only attributes: one reading of the instrument's state per file, with no time of
 * its own. It is stamped with the file's last profile time, the latest moment it is known to describe, so
 * that a file re-read after growing yields a new snapshot rather than being skipped as already appended.
 */
export function readSnapshot(reader: Hdf5Reader, core: Cl61Core): ScalarTable | null {
  const lastTime = core.timesMs.reduce<number | null>((latest, t) => (t !== null && (latest === null || t > latest) ? t : latest), null);
  if (lastTime === null) return null;
  const variables: VariableMeta[] = [];
  const values: (number | null)[][] = [];
  const seen = new Set<string>();
  for (const group of SNAPSHOT_GROUPS) {
    if (reader.dataset(`${group}/time`)) continue; // a time-series group, read by readGroupSeries
    for (const [name, value] of Object.entries(reader.attributes(group))) {
      if (typeof value !== 'number') continue; // strings (cl_overall) go to the file's meta
      const seriesName = seen.has(name) ? `${group}_${name}` : name;
      seen.add(seriesName);
      variables.push(describeVariable(seriesName, {}, { shape: 'scalar', extra: { group } }));
      values.push([Number.isFinite(value) ? value : null]);
    }
  }
  return variables.length > 0 ? { stream: DIAGNOSTICS_STREAM, variables, timesMs: [lastTime], columns: values } : null;
}

/** Fewer stored rows than times is normal (padded with nulls); more cannot be aligned and is refused. */
function checkStoredRows(fileName: string, name: string, storedRows: number, timeRows: number, timeName: string): void {
  if (storedRows > timeRows) {
    throw new ParseError(fileName, `shape mismatch: \`${name}\` has ${storedRows} rows but \`${timeName}\` has only ${timeRows}`);
  }
}
