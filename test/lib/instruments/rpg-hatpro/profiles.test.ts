import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rpgHatpro } from '../../../../lib/instruments/rpg-hatpro';
import type { ProfileBatch } from '../../../../lib/instruments/types';
import {
  type FixtureDir,
  makeFixtureDir,
  parseFixture,
  profileRows,
  scalarSeries,
  writeHpc,
  writeTpb,
  writeTpc,
} from '../../../helpers/fixtures/hatpro';

const T0 = Date.UTC(2024, 5, 1, 12, 0, 0);
const altitudes = [0, 50, 100, 500, 10000];
let dir: FixtureDir;
beforeAll(async () => {
  dir = await makeFixtureDir();
});
afterAll(() => dir.cleanup());

const temperatures = [
  { timeMs: T0, flag: 0b010, values: [288.5, 288, 287.5, 285, 223.25] },
  { timeMs: T0 + 600_000, flag: 0b111, values: [289.5, 289, NaN, 286, 224.25] },
];

describe.each([
  { family: 'TPC', write: writeTpc, stream: 'hatpro_tpc' },
  { family: 'TPB', write: writeTpb, stream: 'hatpro_tpb' },
] as const)('$family files', ({ family, write, stream }) => {
  it('temperature profiles along altitude with rain and quality flags', async () => {
    const { meta, batches } = await parseFixture(rpgHatpro, dir, `t.${family}`, write({ altitudes, retrieval: 1, records: temperatures }));
    expect(meta.attributes).toMatchObject({ family, version: 1, retrievalMethod: 'quadratic regression', altitudes: '0,50,100,500,10000' });
    const profile = batches.find((b): b is ProfileBatch => b.type === 'profiles');
    expect(profile?.stream).toBe(stream);
    expect(profile?.variable).toMatchObject({ name: 'temperature', unit: 'K', axis: { name: 'altitude', unit: 'm', values: altitudes } });
    const rows = profileRows(batches, 'temperature');
    expect(rows.map((r) => r.timeMs)).toEqual([T0, T0 + 600_000]);
    expect(Array.from(rows[1]?.values ?? [])).toEqual([289.5, 289, NaN, 286, 224.25]);
    expect(scalarSeries(batches, 'rain_flag').map((p) => p.value)).toEqual([0, 1]);
    expect(scalarSeries(batches, 'quality_level').map((p) => p.value)).toEqual([1, 3]);
  });
});

describe('HPC files', () => {
  const records = [
    { timeMs: T0, flag: 0b010, absoluteHumidity: [8.5, 8, 7.5, 5, 0.25], relativeHumidity: [80, 81, 82, 70, 20] },
    { timeMs: T0 + 600_000, flag: 0b010, absoluteHumidity: [9.5, 9, 8.5, 6, 0.5], relativeHumidity: [90, 91, 92, 75, 25] },
  ];

  it('v1: absolute humidity only', async () => {
    const { meta, batches } = await parseFixture(rpgHatpro, dir, 'v1.HPC', writeHpc({ version: 1, altitudes, records }));
    expect(meta.attributes).toMatchObject({ family: 'HPC', version: 1, records: 2 });
    expect(profileRows(batches, 'absolute_humidity').map((r) => Array.from(r.values))).toEqual(records.map((r) => r.absoluteHumidity));
    expect(profileRows(batches, 'relative_humidity')).toEqual([]);
  });

  it('v2: absolute then relative humidity, flags emitted once', async () => {
    const { batches } = await parseFixture(rpgHatpro, dir, 'v2.HPC', writeHpc({ version: 2, altitudes, records }));
    const units = batches.flatMap((b) => (b.type === 'profiles' ? [[b.variable.name, b.variable.unit]] : []));
    expect(units).toEqual([
      ['absolute_humidity', 'g m-3'],
      ['relative_humidity', '%'],
    ]);
    const relative = profileRows(batches, 'relative_humidity');
    expect(relative.map((r) => r.timeMs)).toEqual([T0, T0 + 600_000]);
    expect(relative.map((r) => Array.from(r.values))).toEqual(records.map((r) => r.relativeHumidity));
    expect(scalarSeries(batches, 'rain_flag')).toHaveLength(2);
  });
});
