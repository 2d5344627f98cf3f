import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { vaisalaCl61 } from '../../../../lib/instruments/vaisala-cl61';
import { syntheticCl61Layout, writeCl61File } from '../../../helpers/fixtures/cl61';

const HDF5_HEAD = Buffer.from([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]);

describe('vaisalaCl61 instrument kind', () => {
  it('names itself and defaults to every .nc file', () => {
    expect(vaisalaCl61.kind).toBe('vaisala-cl61');
    expect(vaisalaCl61.defaultPattern).toBe('**/*.nc');
    expect(vaisalaCl61.description).toMatch(/CL61/);
  });

  it('claims .nc files that start with the HDF5 signature', () => {
    expect(vaisalaCl61.parserFor('live_20230730_001125.nc', HDF5_HEAD)).toBeTypeOf('function');
    expect(vaisalaCl61.parserFor('2023/07/30/LIVE_20230730.NC', HDF5_HEAD)).toBeTypeOf('function');
  });

  it('declines other names, netCDF-3 files, and heads too short to tell', () => {
    expect(vaisalaCl61.parserFor('live.h5', HDF5_HEAD)).toBeNull();
    expect(vaisalaCl61.parserFor('live.nc.part', HDF5_HEAD)).toBeNull();
    expect(vaisalaCl61.parserFor('classic.nc', Buffer.from('CDF\x01\x00\x00\x00\x00', 'latin1'))).toBeNull();
    expect(vaisalaCl61.parserFor('short.nc', HDF5_HEAD.subarray(0, 4))).toBeNull();
    expect(vaisalaCl61.parserFor('empty.nc', Buffer.alloc(0))).toBeNull();
  });

  it('returns a parser that reads the file', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'fieldops-cl61-'));
    try {
      const file = path.join(dir, 'live.nc');
      await writeCl61File(file, syntheticCl61Layout({ schema: 'cl61-2023', startMs: Date.UTC(2023, 6, 30) }));
      const parse = vaisalaCl61.parserFor('live.nc', HDF5_HEAD);
      const parsed = await parse?.(file, { fileName: 'live.nc' });
      expect(parsed?.meta.attributes.schema).toBe('cl61-2023');
      let profileRows = 0;
      for await (const batch of parsed?.batches ?? []) if (batch.type === 'profiles') profileRows += batch.rows.length;
      expect(profileRows).toBe(4 * 5);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
