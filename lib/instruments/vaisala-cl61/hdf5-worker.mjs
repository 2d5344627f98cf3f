// Runs h5wasm (HDF5 compiled to WebAssembly) in a worker thread, so that the thread that parses files can
// give up on one: HDF5 is synchronous, and a corrupt file can make it loop forever (seen: H5DSiterate_scales
// on a damaged DIMENSION_LIST), abort the wasm instance, or wear it out (each HDF5 error thrown through wasm
// leaks a little stack; ~2 000 kill an instance). The main side (hdf5.ts) times requests out and replaces
// this thread. Plain JavaScript because worker threads load files natively, without the TypeScript loader.
//
// Requests: { id, op: 'inspect', path, skipValues: string[], maxElements }
//           { id, op: 'rows', path, names: string[], start, end, gates }
// Replies:  { id, result, hdf5Errors, retire } or { id, error: { kind: 'hdf5' | 'crash' | 'other', name, message }, hdf5Errors, retire }
import { resolve } from 'node:path';
import { parentPort } from 'node:worker_threads';
import h5wasm from 'h5wasm/node';

/** Plumbing of HDF5 dimension scales and netCDF-4. DIMENSION_LIST in particular is never dereferenced. */
const INTERNAL_ATTRIBUTES = new Set(['CLASS', 'NAME', 'DIMENSION_LIST', 'REFERENCE_LIST', '_Netcdf4Dimid', '_Netcdf4Coordinates', '_nc3_strict']);
const H5T_INTEGER = 0;
const H5T_FLOAT = 1;

const wasmModule = await h5wasm.ready;
// Without this HDF5 failures only print to stderr, and reads return -1 or silently zero-filled buffers.
wasmModule.activate_throwing_error_handler();
let hdf5Errors = 0;

parentPort.on('message', (request) => {
  const reply = handle(request);
  const fileWasLeftOpen = closeLeftoverStreams(request.path);
  // Reply only now: the caller may delete or rewrite the file the moment it hears back.
  parentPort.postMessage({ ...reply, retire: fileWasLeftOpen }, reply.result ? transferablesOf(reply.result) : []);
});

/**
 * An HDF5 error thrown through wasm skips the C code's cleanup, which leaves descriptors open: the
 * tmpfile() that h5wasm's error handler writes the message to (on every error), and, after an error
 * mid-read, the file itself (the dataset left open keeps it open through H5Fclose). Close them all so that
 * no descriptor outlives a request. True if the file itself was among them: this instance's HDF5 then still
 * believes the file is open, and must be replaced.
 */
function closeLeftoverStreams(requestPath) {
  let fileWasLeftOpen = false;
  for (const stream of wasmModule.FS.streams) {
    if (!stream || stream.fd <= 2) continue; // stdin, stdout, stderr
    if (resolve(stream.path) === resolve(requestPath)) fileWasLeftOpen = true;
    try {
      wasmModule.FS.close(stream);
    } catch {
      // Already gone.
    }
  }
  return fileWasLeftOpen;
}

function handle(request) {
  let file = null;
  try {
    file = new h5wasm.File(request.path, 'r');
    const result = request.op === 'inspect' ? inspect(file, request) : readRows(file, request);
    return { id: request.id, result, hdf5Errors };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const kind = error instanceof WebAssembly.RuntimeError ? 'crash' : message.startsWith('HDF5-DIAG') ? 'hdf5' : 'other';
    if (kind === 'hdf5') hdf5Errors += 1;
    return { id: request.id, error: { kind, name: error?.name ?? 'Error', message }, hdf5Errors };
  } finally {
    try {
      file?.close();
    } catch {
      // Closing after an HDF5 error can fail too; the handle is gone either way.
    }
  }
}

/** Every group and dataset (root and one level of groups), with attributes and the values of small datasets. */
function inspect(file, { skipValues, maxElements }) {
  const skip = new Set(skipValues);
  const objects = { '/': { type: 'group', members: file.keys(), attributes: attributesOf(file) } };
  for (const name of objects['/'].members) {
    const entity = file.get(name);
    if (entity instanceof h5wasm.Group) {
      const members = entity.keys();
      objects[name] = { type: 'group', members, attributes: attributesOf(entity) };
      for (const member of members) describeDataset(objects, file, `${name}/${member}`, skip, maxElements);
    } else {
      describeDataset(objects, file, name, skip, maxElements);
    }
  }
  return objects;
}

function describeDataset(objects, file, path, skip, maxElements) {
  const dataset = file.get(path);
  if (!(dataset instanceof h5wasm.Dataset)) return;
  const { shape, maxshape, type, size, signed } = dataset.metadata;
  const dims = shape ?? [];
  const kind = type === H5T_INTEGER ? 'integer' : type === H5T_FLOAT ? 'float' : 'other';
  const elements = dims.reduce((product, n) => product * n, 1);
  const info = {
    type: 'dataset',
    shape: dims,
    kind,
    bytes: size,
    signed,
    // netCDF's unlimited dimension (profile/time in CL61 files) has an unlimited HDF5 maximum extent.
    unlimited: (maxshape?.[0] ?? 0) > Number.MAX_SAFE_INTEGER,
    isDimensionScale: classOf(dataset) === 'DIMENSION_SCALE',
    attributes: attributesOf(dataset),
  };
  if (kind !== 'other' && !skip.has(path) && elements <= maxElements) {
    info.values = elements === 0 ? new Float64Array(0) : toNumbers(dataset.value);
  }
  objects[path] = info;
}

function classOf(dataset) {
  const attribute = dataset.attrs.CLASS;
  return attribute ? attribute.value : null;
}

/** Rows [start, end) of each profile variable; `changed` if a variable no longer has the expected shape. */
function readRows(file, { names, start, end, gates }) {
  const rows = {};
  for (const name of names) {
    const dataset = file.get(name);
    const shape = dataset instanceof h5wasm.Dataset ? (dataset.shape ?? []) : [];
    if (shape.length !== 2 || shape[0] < end || shape[1] !== gates) return { changed: { name, shape } };
    rows[name] = toNumbers(dataset.slice([[start, end], []]));
  }
  return { rows };
}

function attributesOf(entity) {
  const result = {};
  for (const [name, attribute] of Object.entries(entity.attrs)) {
    if (INTERNAL_ATTRIBUTES.has(name)) continue;
    const value = toAttributeValue(attribute.value);
    if (value !== null) result[name] = value;
  }
  return result;
}

function toNumbers(value) {
  if (typeof value === 'number') return Float64Array.of(value);
  if (typeof value === 'bigint') return Float64Array.of(Number(value));
  if (value instanceof BigInt64Array || value instanceof BigUint64Array) return Float64Array.from(value, Number);
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return value;
  throw new Error('dataset could not be read as numbers');
}

/** Strings stay strings, one-element arrays become numbers, references and other exotica are dropped. */
function toAttributeValue(value) {
  if (typeof value === 'string' || typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value.join(' ');
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const numbers = Array.from(value, Number);
    return numbers.length === 1 ? numbers[0] : numbers;
  }
  return null;
}

function transferablesOf(result) {
  const buffers = new Set();
  const visit = (value) => {
    if (ArrayBuffer.isView(value)) buffers.add(value.buffer);
    else if (value && typeof value === 'object') Object.values(value).forEach(visit);
  };
  visit(result);
  return [...buffers];
}
