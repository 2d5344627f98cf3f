import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rpgHatpro } from '../../../../lib/instruments/rpg-hatpro';
import type { ScalarBatch } from '../../../../lib/instruments/types';
import { type FixtureDir, makeFixtureDir, parseFixture, profileRows, scalarSeries, writeIrt } from '../../../helpers/fixtures/hatpro';

const T0 = Date.UTC(2024, 5, 1, 12, 0, 0);
let dir: FixtureDir;
beforeAll(async () => {
  dir = await makeFixtureDir();
});
afterAll(() => dir.cleanup());

const names = (batch: unknown) => (batch as ScalarBatch).variables.map((v) => v.name);

describe('IRT files', () => {
  it('v1: one channel of unstated wavelength, no angles', async () => {
    const records = [{ timeMs: T0, flag: 1, values: [-82.5] }];
    const { meta, batches } = await parseFixture(rpgHatpro, dir, 'v1.IRT', writeIrt({ version: 1, records }));
    expect(meta.attributes).toMatchObject({ family: 'IRT', version: 1, wavelengths: null, angleEncoding: null });
    expect(names(batches[0])).toEqual(['ir_temperature', 'rain_flag']);
    expect((batches[0] as ScalarBatch).variables[0]?.unit).toBe('degC');
    expect(scalarSeries(batches, 'ir_temperature')).toEqual([{ timeMs: T0, value: -82.5 }]);
  });

  it.each([2, 3] as const)('v%i: wavelength list and pointing angles', async (version) => {
    const records = [{ timeMs: T0, values: [-82.5], elevation: 89.95, azimuth: 0.02 }];
    const { meta, batches } = await parseFixture(rpgHatpro, dir, `v${version}.IRT`, writeIrt({ version, wavelengths: [10.5], records }));
    expect(meta.attributes).toMatchObject({ version, wavelengths: '10.5', angleEncoding: version === 2 ? 'float' : 'int' });
    expect(names(batches[0])).toEqual(['ir_temperature', 'rain_flag', 'elevation_angle', 'azimuth_angle']);
    expect(scalarSeries(batches, 'elevation_angle')[0]?.value).toBe(89.95);
    // Float angles (IRT v2) hold azimuth in 0.1 degree steps, so the writer stores 0.02 as 0.
    expect(scalarSeries(batches, 'azimuth_angle')[0]?.value).toBe(version === 2 ? 0 : 0.02);
  });

  it('a few channels become one scalar per wavelength', async () => {
    const records = [{ timeMs: T0, values: [-80.5, -70.25] }];
    const { batches } = await parseFixture(rpgHatpro, dir, 'two.IRT', writeIrt({ wavelengths: [10.5, 11.1], records }));
    expect(names(batches[0])).toEqual(['ir_temperature_10.5um', 'ir_temperature_11.1um', 'rain_flag', 'elevation_angle', 'azimuth_angle']);
    expect(scalarSeries(batches, 'ir_temperature_11.1um')[0]?.value).toBe(-70.25);
  });

  it('many channels become a profile along wavelength', async () => {
    const wavelengths = [8.5, 9.5, 10.5, 11.5, 12.5, 13.5];
    const records = [{ timeMs: T0, values: [-1, -2, -3, -4, -5, -6] }];
    const { batches } = await parseFixture(rpgHatpro, dir, 'six.IRT', writeIrt({ wavelengths, records }));
    const rows = profileRows(batches, 'ir_temperature');
    expect(Array.from(rows[0]?.values ?? [])).toEqual([-1, -2, -3, -4, -5, -6]);
    const profile = batches.find((b) => b.type === 'profiles');
    expect(profile?.type === 'profiles' && profile.variable.axis).toEqual({ name: 'wavelength', unit: 'um', values: wavelengths });
    expect(names(batches.find((b) => b.type === 'scalars'))).toEqual(['rain_flag', 'elevation_angle', 'azimuth_angle']);
  });
});
