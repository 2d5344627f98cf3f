// What the reader thread sends back from `inspect`, and a synchronous, typed view of it for the code that
// makes sense of CL61 files (schema.ts, tables.ts, meta.ts), which therefore never touches HDF5 itself.
import { ParseError } from '../types';

/** Numbers as read from a dataset, flattened in row-major order. */
export type Numbers = ArrayLike<number>;
export type AttributeValue = string | number | number[];

export interface DatasetInfo {
  shape: number[];
  /** `integer` or `float`; anything else (strings, compounds) is `other`. */
  kind: 'integer' | 'float' | 'other';
  /** Bytes per element and signedness, as stored (netCDF's default fill value depends on both). */
  bytes: number;
  signed: boolean;
  /** First axis is netCDF's unlimited dimension: `profile` (2021) or `time` (2023) in CL61 files. */
  unlimited: boolean;
  /** A netCDF dimension's coordinate variable (HDF5 CLASS=DIMENSION_SCALE). */
  isDimensionScale: boolean;
}

type SnapshotObject =
  | { type: 'group'; members: string[]; attributes: Record<string, AttributeValue> }
  | (DatasetInfo & { type: 'dataset'; attributes: Record<string, AttributeValue>; values?: Numbers });

/** Path (`beta_att`, `monitoring/time`, `/` for the root) to object. */
export type Snapshot = Record<string, SnapshotObject>;

export interface Hdf5Reader {
  /** Names of the members of a group (`/` for the root), empty if the group does not exist. */
  members(groupPath: string): string[];
  /** Shape and type of a dataset; null if there is no dataset at that path. */
  dataset(path: string): DatasetInfo | null;
  /** A numeric dataset's values, optionally only rows [start, end) of its first axis. */
  readNumbers(path: string, rows?: readonly [number, number]): Numbers;
  /** Attributes of a dataset or group (`/` for the file's global attributes), HDF5/netCDF plumbing left out. */
  attributes(path: string): Record<string, AttributeValue>;
}

export function snapshotReader(objects: Snapshot, fileName: string): Hdf5Reader {
  const datasetAt = (path: string) => {
    const object = objects[path];
    return object?.type === 'dataset' ? object : null;
  };
  return {
    members: (groupPath) => {
      const object = objects[groupPath];
      return object?.type === 'group' ? object.members : [];
    },
    dataset: (path) => {
      const object = datasetAt(path);
      if (!object) return null;
      const { shape, kind, bytes, signed, unlimited, isDimensionScale } = object;
      return { shape, kind, bytes, signed, unlimited, isDimensionScale };
    },
    readNumbers: (path, rows) => {
      const object = datasetAt(path);
      if (!object) throw new ParseError(fileName, `variable \`${path}\` is missing`);
      if (!object.values) throw new ParseError(fileName, `variable \`${path}\` is not numeric or too large to read whole`);
      if (!rows) return object.values;
      const width = object.shape.slice(1).reduce((product, n) => product * n, 1);
      return Array.prototype.slice.call(object.values, rows[0] * width, rows[1] * width) as number[];
    },
    attributes: (path) => objects[path]?.attributes ?? {},
  };
}
