import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rpgHatpro } from '../../../../lib/instruments/rpg-hatpro';
import type { ScalarBatch } from '../../../../lib/instruments/types';
import { type FixtureDir, makeFixtureDir, parseFixture, scalarSeries, writeIwv, writeLwp } from '../../../helpers/fixtures/hatpro';

const T0 = Date.UTC(2024, 5, 1, 12, 0, 0);
let dir: FixtureDir;
beforeAll(async () => {
  dir = await makeFixtureDir();
});
afterAll(() => dir.cleanup());

const records = [
  { timeMs: T0, value: 12.5, flag: 0b0010, elevation: 90, azimuth: 0 },
  { timeMs: T0 + 1000, value: 250, flag: 0b1_0101, elevation: 30, azimuth: 180.5 },
  { timeMs: T0 + 2000, value: -3.25, flag: 0b10_0000, elevation: 19.2, azimuth: 359.9 },
];

describe.each([
  { family: 'LWP', write: writeLwp, stream: 'hatpro_lwp', unit: 'g m-2' },
  { family: 'IWV', write: writeIwv, stream: 'hatpro_iwv', unit: 'kg m-2' },
] as const)('$family files', ({ family, write, stream, unit }) => {
  it.each([1, 2] as const)('v%i: values, times, angles and flags', async (version) => {
    const { meta, batches } = await parseFixture(rpgHatpro, dir, `v${version}.${family}`, write({ version, records }));
    expect(meta.attributes).toMatchObject({ family, version, timeRef: 1, records: 3, retrieval: 2, retrievalMethod: 'neural network' });
    expect(meta.attributes.angleEncoding).toBe(version === 1 ? 'float' : 'int');
    expect(meta.attributes.valueMax).toBe(250);

    const batch = batches[0] as ScalarBatch;
    expect(batches).toHaveLength(1);
    expect(batch.stream).toBe(stream);
    expect(batch.variables.find((v) => v.name === family)?.unit).toBe(unit);
    expect(scalarSeries(batches, family)).toEqual(records.map((r) => ({ timeMs: r.timeMs, value: r.value })));
    expect(scalarSeries(batches, 'elevation_angle').map((p) => p.value)).toEqual([90, 30, 19.2]);
    expect(scalarSeries(batches, 'azimuth_angle').map((p) => p.value)).toEqual([0, 180.5, 359.9]);
    expect(scalarSeries(batches, 'rain_flag').map((p) => p.value)).toEqual([0, 1, 0]);
    expect(scalarSeries(batches, 'quality_level').map((p) => p.value)).toEqual([1, 2, 0]);
    expect(scalarSeries(batches, 'quality_reason').map((p) => p.value)).toEqual([0, 2, 0]);
    expect(scalarSeries(batches, 'quality_flag').map((p) => p.value)).toEqual([2, 21, 32]);
  });
});

describe('LWP details', () => {
  it('turns NaN values into missing', async () => {
    const bytes = writeLwp({ records: [{ timeMs: T0, value: NaN }] });
    const { batches } = await parseFixture(rpgHatpro, dir, 'nan.LWP', bytes);
    expect(scalarSeries(batches, 'LWP')).toEqual([{ timeMs: T0, value: null }]);
  });

  it('reads local-time files in the configured zone', async () => {
    const wall = Date.UTC(2024, 0, 15, 12, 0, 0);
    const bytes = writeLwp({ timeRef: 0, records: [{ timeMs: wall, value: 1 }] });
    const { meta, batches } = await parseFixture(rpgHatpro, dir, 'local.LWP', bytes, { timezone: 'Europe/Helsinki' });
    expect(meta.attributes.timeRef).toBe(0);
    expect(meta.attributes.timeReference).toBe('local (Europe/Helsinki)');
    expect(scalarSeries(batches, 'LWP')[0]?.timeMs).toBe(Date.UTC(2024, 0, 15, 10, 0, 0));
  });

  it('accepts a file with no records', async () => {
    const { meta, batches } = await parseFixture(rpgHatpro, dir, 'empty-records.LWP', writeLwp({ records: [] }));
    expect(meta.attributes.records).toBe(0);
    expect(batches).toEqual([]);
  });
});
