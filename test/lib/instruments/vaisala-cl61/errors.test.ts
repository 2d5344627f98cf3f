import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ParseError, type ParsedFile } from '../../../../lib/instruments/types';
import { parseCl61File } from '../../../../lib/instruments/vaisala-cl61/parser';
import { syntheticCl61Layout, writeCl61File, type Cl61Layout } from '../../../helpers/fixtures/cl61';

const START_MS = Date.UTC(2023, 6, 30);
const HDF5_MAGIC = Buffer.from([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]);

async function drain(parsed: ParsedFile): Promise<number> {
  let rows = 0;
  for await (const batch of parsed.batches) rows += batch.rows.length;
  return rows;
}

describe('vaisala-cl61 parser on bad input', () => {
  let dir: string;
  const at = (name: string) => path.join(dir, name);

  /** Parses a file and returns the ParseError it must raise (failing the test if it raises nothing or something else). */
  async function parseError(file: string): Promise<ParseError> {
    const fileName = `raw/${path.basename(file)}`;
    const error = await parseCl61File(file, { fileName }).then(drain).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ParseError);
    expect((error as ParseError).fileName).toBe(fileName);
    expect((error as ParseError).message.startsWith(`${fileName}: `)).toBe(true);
    return error as ParseError;
  }

  async function writeModified(name: string, schema: Cl61Layout['schema'], change: (layout: Cl61Layout) => void): Promise<string> {
    const layout = syntheticCl61Layout({ schema, startMs: START_MS });
    change(layout);
    await writeCl61File(at(name), layout);
    return at(name);
  }

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'fieldops-cl61-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('rejects a file that is not HDF5, saying what it found', async () => {
    await writeFile(at('text.nc'), 'time,beta\n1,2\n');
    const error = await parseError(at('text.nc'));
    expect(error.message).toMatch(/not an HDF5 file: expected the signature/);
    expect(error.byteOffset).toBe(0);
    await writeFile(at('classic.nc'), Buffer.from('CDF\x01\x00\x00\x00\x00', 'latin1'));
    expect((await parseError(at('classic.nc'))).message).toMatch(/netCDF-3/);
  });

  it('rejects an empty file', async () => {
    await writeFile(at('empty.nc'), Buffer.alloc(0));
    expect((await parseError(at('empty.nc'))).message).toMatch(/empty/);
  });

  it('rejects a truncated file before HDF5 reads past its end', async () => {
    await writeCl61File(at('whole.nc'), syntheticCl61Layout({ schema: 'cl61-2023', startMs: START_MS }));
    const whole = await readFile(at('whole.nc'));
    await writeFile(at('half.nc'), whole.subarray(0, Math.floor(whole.length / 2)));
    const error = await parseError(at('half.nc'));
    expect(error.message).toMatch(/truncated: \d+ bytes on disk, its HDF5 superblock says \d+/);
    await writeFile(at('stub.nc'), whole.subarray(0, 20));
    expect((await parseError(at('stub.nc'))).message).toMatch(/superblock is incomplete/);
  });

  it('turns garbage after a valid signature into a ParseError from the HDF5 reader', async () => {
    await writeFile(at('garbage.nc'), Buffer.concat([HDF5_MAGIC, Buffer.alloc(4096, 0x5a)]));
    expect((await parseError(at('garbage.nc'))).message).toMatch(/not a readable HDF5 file: unable to synchronously open file/);
  });

  it('names the missing variable of an HDF5 file that is not CL61', async () => {
    const noBeta = await writeModified('no-beta.nc', 'cl61-2023', (l) => (l.variables = l.variables.filter((v) => v.path !== 'beta_att')));
    expect((await parseError(noBeta)).message).toMatch(/not a CL61 file: variable `beta_att` \(attenuated backscatter profiles\) is missing/);
    const noTime = await writeModified('no-time.nc', 'cl61-2021', (l) => (l.variables = l.variables.filter((v) => v.path !== 'time')));
    expect((await parseError(noTime)).message).toMatch(/variable `time` \(profile times\) is missing/);
  });

  it('rejects a file without profiles (zero-length time)', async () => {
    await writeCl61File(at('zero.nc'), syntheticCl61Layout({ schema: 'cl61-2023', startMs: START_MS, profiles: 0, cloudRows: 0 }));
    expect((await parseError(at('zero.nc'))).message).toMatch(/`time` has no values/);
  });

  it('rejects beta_att whose rows do not match time', async () => {
    const file = await writeModified('short-beta.nc', 'cl61-2023', (layout) => {
      const beta = layout.variables.find((v) => v.path === 'beta_att');
      if (!beta) throw new Error('fixture has no beta_att');
      beta.shape = [4, 16];
      beta.values = Array.from(beta.values).slice(0, 64);
    });
    expect((await parseError(file)).message).toMatch(/shape mismatch: `beta_att` is \[4, 16\] but `time` has 5 profiles/);
  });

  it('rejects cloud_base_heights with more rows than time (cannot be aligned)', async () => {
    const file = await writeModified('long-clouds.nc', 'cl61-2023', (layout) => {
      const clouds = layout.variables.find((v) => v.path === 'cloud_base_heights');
      if (!clouds) throw new Error('fixture has no cloud_base_heights');
      clouds.shape = [6, 5];
      clouds.values = new Array(30).fill(-99);
    });
    expect((await parseError(file)).message).toMatch(/`cloud_base_heights` has 6 rows but `time` has only 5/);
  });

  it('rejects time units it cannot decode, instead of guessing', async () => {
    const file = await writeModified('bad-units.nc', 'cl61-2021', (layout) => {
      const time = layout.variables.find((v) => v.path === 'time');
      if (time) time.attributes = { units: 'fortnights since 1970-01-01' };
    });
    expect((await parseError(file)).message).toMatch(/`time` units "fortnights since 1970-01-01" are not of the form/);
    const noUnits = await writeModified('no-units.nc', 'cl61-2021', (layout) => {
      const time = layout.variables.find((v) => v.path === 'time');
      if (time) time.attributes = {};
    });
    expect((await parseError(noUnits)).message).toMatch(/`time` has no units attribute/);
  });

  it('rejects a file whose time is not a dimension and which has no profile dimension either', async () => {
    const file = await writeModified('odd-dims.nc', 'cl61-2023', (layout) => {
      const time = layout.variables.find((v) => v.path === 'time');
      if (time) time.dimensions = ['sweep'];
    });
    expect((await parseError(file)).message).toMatch(/unrecognised CL61 layout: `time` is not a dimension .* no `profile` dimension/);
  });
});
