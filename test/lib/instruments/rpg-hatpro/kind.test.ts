import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseHatproFile, rpgHatpro } from '../../../../lib/instruments/rpg-hatpro';
import {
  HATPRO_CODES,
  type FixtureDir,
  collect,
  makeFixtureDir,
  parseFixture,
  profileRows,
  scalarSeries,
  writeBrt,
  writeLwp,
} from '../../../helpers/fixtures/hatpro';

const T0 = Date.UTC(2024, 5, 1, 12, 0, 0);
let dir: FixtureDir;
beforeAll(async () => {
  dir = await makeFixtureDir();
});
afterAll(() => dir.cleanup());

const int32 = (value: number) => {
  const head = Buffer.alloc(4);
  head.writeInt32LE(value);
  return head;
};

describe('rpgHatpro.parserFor', () => {
  it('claims every known file code whatever the file is called', () => {
    for (const versions of Object.values(HATPRO_CODES)) {
      for (const code of Object.values(versions)) expect(rpgHatpro.parserFor('anything.dat', int32(code))).toBe(parseHatproFile);
    }
  });

  it('does not claim a HATPRO extension without a HATPRO file code', () => {
    expect(rpgHatpro.parserFor('21060300.LWP', int32(889348))).toBeNull();
    expect(rpgHatpro.parserFor('21060300.LWP', Buffer.from('Hello'))).toBeNull();
    expect(rpgHatpro.parserFor('21060300.LWP', Buffer.alloc(3))).toBeNull();
  });

  it('names itself and a default pattern', () => {
    expect(rpgHatpro.kind).toBe('rpg-hatpro');
    expect(rpgHatpro.defaultPattern).toContain('LWP');
  });
});

describe('batching and the afterTimeMs filter', () => {
  const lwpRecords = Array.from({ length: 12 }, (_, i) => ({ timeMs: T0 + i * 1000, value: i }));

  it('cuts scalar rows into batches of batchSize', async () => {
    const { batches } = await parseFixture(rpgHatpro, dir, 'many.LWP', writeLwp({ records: lwpRecords }), { batchSize: 5 });
    expect(batches.map((b) => (b.type === 'scalars' ? b.rows.length : -1))).toEqual([5, 5, 2]);
    expect(scalarSeries(batches, 'LWP').map((p) => p.value)).toEqual(lwpRecords.map((r) => r.value));
  });

  it('skips rows at or before afterTimeMs', async () => {
    const { batches } = await parseFixture(rpgHatpro, dir, 'tail.LWP', writeLwp({ records: lwpRecords }), { afterTimeMs: T0 + 9000 });
    expect(scalarSeries(batches, 'LWP').map((p) => p.timeMs)).toEqual([T0 + 10_000, T0 + 11_000]);
  });

  it('applies both to profiles, which default to 500 per batch', async () => {
    const records = Array.from({ length: 1203 }, (_, i) => ({ timeMs: T0 + i * 1000, tb: [i, i + 1] }));
    const bytes = writeBrt({ frequencies: [22.24, 31.4], records });
    const all = await parseFixture(rpgHatpro, dir, 'many.BRT', bytes);
    expect(all.batches.filter((b) => b.type === 'profiles').map((b) => b.rows.length)).toEqual([500, 500, 203]);
    expect(all.batches.filter((b) => b.type === 'scalars').map((b) => b.rows.length)).toEqual([1203]);

    const tail = await parseFixture(rpgHatpro, dir, 'many.BRT', bytes, { afterTimeMs: T0 + 1200 * 1000 });
    expect(profileRows(tail.batches, 'brightness_temperature').map((r) => Array.from(r.values))).toEqual([
      [1201, 1202],
      [1202, 1203],
    ]);
  });

  it('streams a file larger than one read chunk and can be iterated again', async () => {
    const records = Array.from({ length: 30_000 }, (_, i) => ({ timeMs: T0 + i * 1000, value: i % 500 }));
    const file = await dir.write('big.LWP', writeLwp({ records }));
    const parsed = await parseHatproFile(file, { fileName: 'big.LWP' });
    for (let pass = 0; pass < 2; pass++) {
      const series = scalarSeries(await collect(parsed.batches), 'LWP');
      expect(series).toHaveLength(30_000);
      expect(series[29_999]).toEqual({ timeMs: T0 + 29_999_000, value: 29_999 % 500 });
    }
  });
});
