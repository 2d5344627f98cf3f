// The `vaisala-cl61` instrument kind: Vaisala CL61 ceilometer "live" netCDF-4 files, both firmware schemas.
import type { FileParser, InstrumentKind } from '../types';
import { hasHdf5Signature } from './superblock';
import { cl61KeyVariables, cl61Quicklook } from './quicklook';

/**
 * Loads the parser (and with it the 4 MB h5wasm module) only when a file is actually parsed, so that code
 * which merely lists instrument kinds (pages, config validation) does not pull WebAssembly in.
 */
const parseLazily: FileParser = async (path, options) => {
  const { parseCl61File } = await import('./parser');
  return parseCl61File(path, options);
};

export const vaisalaCl61: InstrumentKind = {
  kind: 'vaisala-cl61',
  description: 'Vaisala CL61 ceilometer netCDF-4 live files: backscatter and depolarisation profiles, cloud bases, monitoring',
  parserFor(fileName: string, head: Buffer): FileParser | null {
    // netCDF-3 `.nc` files (signature "CDF") are not written by the CL61: they are not this kind's data.
    return fileName.toLowerCase().endsWith('.nc') && hasHdf5Signature(head) ? parseLazily : null;
  },
  defaultPattern: '**/*.nc',
  quicklook: cl61Quicklook,
  keyVariables: cl61KeyVariables,
};

// Deliberately no value re-export of ./parser here: it would load h5wasm eagerly. Import it from './parser'.
export type { Cl61Schema } from './variables';
