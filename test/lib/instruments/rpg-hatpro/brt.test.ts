import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rpgHatpro } from '../../../../lib/instruments/rpg-hatpro';
import type { ProfileBatch } from '../../../../lib/instruments/types';
import { type FixtureDir, makeFixtureDir, parseFixture, profileRows, scalarSeries, writeBrt } from '../../../helpers/fixtures/hatpro';

const T0 = Date.UTC(2024, 5, 1, 12, 0, 0);
const frequencies = [22.24, 23.04, 31.4, 51.26, 58];
let dir: FixtureDir;
beforeAll(async () => {
  dir = await makeFixtureDir();
});
afterAll(() => dir.cleanup());

const records = [
  { timeMs: T0, flag: 0, tb: [15.5, 17.25, 12, 120.5, 270.125], elevation: 90, azimuth: 0 },
  { timeMs: T0 + 1000, flag: 1, tb: [30.5, 33, 0, 140, 275.5], elevation: 42, azimuth: 90.5 },
];

describe('BRT files', () => {
  it.each([
    { code: 666666, version: 1 },
    { code: 666667, version: 1 },
    { code: 666000, version: 2 },
    { code: 667000, version: 2 },
  ] as const)('code $code: spectra along frequency, flags and angles', async ({ code, version }) => {
    const bytes = writeBrt({ version, code, frequencies, records });
    const { meta, batches } = await parseFixture(rpgHatpro, dir, `${code}.BRT`, bytes);
    expect(meta.attributes).toMatchObject({ fileCode: code, family: 'BRT', version, frequencies: '22.24,23.04,31.4,51.26,58' });

    const spectra = batches.find((b): b is ProfileBatch => b.type === 'profiles');
    expect(spectra?.stream).toBe('hatpro_brt');
    expect(spectra?.variable).toMatchObject({
      name: 'brightness_temperature',
      unit: 'K',
      shape: 'profile',
      axis: { name: 'frequency', unit: 'GHz', values: frequencies },
    });
    const rows = profileRows(batches, 'brightness_temperature');
    expect(rows.map((r) => r.timeMs)).toEqual([T0, T0 + 1000]);
    expect(Array.from(rows[0]?.values ?? [])).toEqual(records[0]?.tb);
    // 0 K is RPG's "no data" for a channel.
    expect(Array.from(rows[1]?.values ?? [])).toEqual([30.5, 33, NaN, 140, 275.5]);

    expect(scalarSeries(batches, 'rain_flag').map((p) => p.value)).toEqual([0, 1]);
    expect(scalarSeries(batches, 'elevation_angle').map((p) => p.value)).toEqual([90, 42]);
    expect(scalarSeries(batches, 'azimuth_angle').map((p) => p.value)).toEqual([0, 90.5]);
  });
});
