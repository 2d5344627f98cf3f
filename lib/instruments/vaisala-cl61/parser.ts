// The CL61 FileParser: check the header, inspect the file once (layout, metadata, scalar series), then hand
// out batches that read the profiles a slice at a time (see batches.ts). All HDF5 work happens in a reader
// thread (hdf5.ts), so a corrupt file costs a ParseError, never the process or a hung event loop.
import type { FileParser, ParsedFile, VariableMeta } from '../types';
import { cl61Batches, DEFAULT_BATCH_SIZE, type Cl61ReadPlan } from './batches';
import { inspectHdf5 } from './hdf5';
import { readFileMeta } from './meta';
import type { Hdf5Reader } from './snapshot';
import { readCore } from './schema';
import { checkHdf5Header } from './superblock';
import { readAllGroupSeries, readProfileScalars, readSnapshot } from './tables';
import { fillTestFor } from './values';
import { describeVariable, PROFILE_VARIABLES } from './variables';

export const parseCl61File: FileParser = async (path, options): Promise<ParsedFile> => {
  const { fileName } = options;
  await checkHdf5Header(path, fileName);
  const reader = await inspectHdf5(path, fileName, Object.keys(PROFILE_VARIABLES));
  const { meta, plan } = planFile(reader, path, fileName);
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? DEFAULT_BATCH_SIZE));
  return { meta, batches: cl61Batches(plan, { batchSize, afterTimeMs: options.afterTimeMs }) };
};

function planFile(reader: Hdf5Reader, filePath: string, fileName: string) {
  const core = readCore(reader, fileName);
  const rangeAttributes = reader.attributes('range');
  // One axis object shared by every profile variable and batch of the file.
  const axis: NonNullable<VariableMeta['axis']> = {
    name: 'range',
    unit: typeof rangeAttributes.units === 'string' ? rangeAttributes.units : 'm',
    values: core.rangeM,
  };
  const profiles = core.profileVariables.map(({ name, info }) => {
    const attributes = reader.attributes(name);
    const meta = describeVariable(name, attributes, { known: PROFILE_VARIABLES[name], shape: 'profile', axis });
    return { name, meta, isFill: fillTestFor(info, attributes) };
  });
  const tables = [readProfileScalars(reader, fileName, core), ...readAllGroupSeries(reader, fileName), readSnapshot(reader, core)].filter(
    (table) => table !== null,
  );
  const plan: Cl61ReadPlan = { filePath, fileName, timesMs: core.timesMs, gateCount: core.rangeM.length, profiles, tables };
  return { meta: readFileMeta(reader, core), plan };
}
