// A CL61 "live" file is netCDF-4, i.e. HDF5 with netCDF's conventions: each dimension is a coordinate
// dataset made an HDF5 dimension scale, and every variable along it has the scale attached. This writes such
// a file with h5wasm (its Node build writes the real filesystem). Started from the test fixture writer
// (test/helpers/fixtures/cl61.ts), kept separate so the demo never imports tests.
//
// Limits, harmless to any HDF5 reader: h5wasm applies one filter per dataset, so datasets get deflate without
// the instrument's shuffle; strings are HDF5 variable-length rather than netCDF's fixed-length.
import h5wasm from 'h5wasm/node';
import type { Dataset, Group } from 'h5wasm/node';

type NumericDtype = '<f' | '<d' | '<h' | '<i';
type H5File = InstanceType<typeof h5wasm.File>;

export interface Hdf5Variable {
  /** `beta_att`, or `monitoring/time` inside a group. */
  path: string;
  dtype: NumericDtype;
  /** [] for a scalar. */
  shape: number[];
  values: ArrayLike<number>;
  /** One dimension name per axis; a variable named like its dimension is that dimension's coordinate. */
  dimensions?: string[];
  fill?: number;
  attributes?: Record<string, string | number>;
}

export interface Hdf5Layout {
  globals: Record<string, string | number>;
  variables: Hdf5Variable[];
}

const TYPED: Record<NumericDtype, (values: ArrayLike<number>) => ArrayLike<number>> = {
  '<f': (v) => Float32Array.from(v),
  '<d': (v) => Float64Array.from(v),
  '<h': (v) => Int16Array.from(v),
  '<i': (v) => Int32Array.from(v),
};
/** The instrument writes its time dimensions unlimited (it appends profiles as they come). */
const isUnlimited = (dimension: string | undefined): boolean => dimension === 'time' || (dimension?.endsWith('/time') ?? false);

export async function writeNetcdf4File(filePath: string, layout: Hdf5Layout): Promise<void> {
  const h5 = await h5wasm.ready;
  h5.activate_throwing_error_handler();
  const file = new h5wasm.File(filePath, 'w');
  try {
    writeAttributes(file, layout.globals);
    for (const variable of layout.variables) writeVariable(file, variable);
    attachDimensions(file, layout.variables);
  } finally {
    file.close();
  }
}

function writeAttributes(target: Group | Dataset, attributes: Record<string, string | number>): void {
  for (const [name, value] of Object.entries(attributes)) {
    if (typeof value === 'string') target.create_attribute(name, value);
    else if (Number.isInteger(value)) target.create_attribute(name, Int32Array.of(value), [1], '<i');
    else target.create_attribute(name, Float64Array.of(value), [1], '<d');
  }
}

function groupAt(file: H5File, name: string): Group {
  const existing = file.get(name);
  return existing instanceof h5wasm.Group ? existing : file.create_group(name);
}

function writeVariable(file: H5File, variable: Hdf5Variable): void {
  const parts = variable.path.split('/');
  const name = parts.pop() as string;
  const parent = parts.length > 0 ? groupAt(file, parts.join('/')) : file;
  const unlimited = variable.shape.length > 0 && isUnlimited(variable.dimensions?.[0]);
  // Chunked (required for unlimited and for deflate): one chunk per time step, whole along the other axes.
  const chunks = variable.shape.length > 0 ? variable.shape.map((n, axis) => (axis === 0 && unlimited ? 1 : Math.max(1, n))) : null;
  const dataset = parent.create_dataset({
    name,
    data: TYPED[variable.dtype](variable.values) as Float64Array,
    shape: variable.shape,
    dtype: variable.dtype,
    maxshape: unlimited ? variable.shape.map((n, axis) => (axis === 0 ? null : n)) : null,
    chunks,
    ...(chunks ? { compression: 'gzip' as const, compression_opts: 4 } : {}),
  });
  if (variable.fill !== undefined) dataset.create_attribute('_FillValue', TYPED[variable.dtype]([variable.fill]) as Float64Array, [1], variable.dtype);
  writeAttributes(dataset, variable.attributes ?? {});
}

/** Coordinates become dimension scales; every other variable attaches the scale of each of its axes. */
function attachDimensions(file: H5File, variables: Hdf5Variable[]): void {
  const scales = new Set(variables.flatMap((v) => v.dimensions ?? []));
  for (const name of scales) {
    const coordinate = file.get(name);
    // A group's own dimension (monitoring/time) is named `time` inside its group, as netCDF-4 does it.
    if (coordinate instanceof h5wasm.Dataset) coordinate.make_scale(name.split('/').pop());
  }
  for (const variable of variables) {
    const dataset = file.get(variable.path);
    if (!(dataset instanceof h5wasm.Dataset)) continue;
    (variable.dimensions ?? []).forEach((dimension, axis) => {
      if (dimension !== variable.path && file.get(dimension) instanceof h5wasm.Dataset) dataset.attach_scale(axis, `/${dimension}`);
    });
  }
}
