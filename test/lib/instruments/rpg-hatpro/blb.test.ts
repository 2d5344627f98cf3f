import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rpgHatpro } from '../../../../lib/instruments/rpg-hatpro';
import type { ProfileBatch } from '../../../../lib/instruments/types';
import { type FixtureDir, makeFixtureDir, parseFixture, profileRows, scalarSeries, writeBlb } from '../../../helpers/fixtures/hatpro';

const T0 = Date.UTC(2024, 5, 1, 12, 0, 0);
const elevations = [90, 30, 19.2, 4.2];
let dir: FixtureDir;
beforeAll(async () => {
  dir = await makeFixtureDir();
});
afterAll(() => dir.cleanup());

/** One scan: channel c at elevation e gets 100*c + e + 0.5, so every value says where it came from. */
function scan(timeMs: number, flag: number, channels: number, surfaceTemperature: number) {
  const tb = Array.from({ length: channels }, (_, c) => elevations.map((_, e) => 100 * c + e + 0.5));
  return { timeMs, flag, tb, surfaceTemperature };
}

describe('BLB files', () => {
  it.each([1, 2] as const)('v%i: one profile per frequency along the scan elevations', async (version) => {
    const frequencies = Array.from({ length: version === 1 ? 14 : 3 }, (_, i) => 22 + i);
    const records = [scan(T0, 0b100, frequencies.length, 259.16), scan(T0 + 600_000, 0b011, frequencies.length, 260.5)];
    const bytes = writeBlb({ version, frequencies, elevations, records });
    const { meta, batches } = await parseFixture(rpgHatpro, dir, `v${version}.BLB`, bytes);
    expect(meta.attributes).toMatchObject({ family: 'BLB', version, elevations: '90,30,19.2,4.2', records: 2 });

    const profiles = batches.filter((b): b is ProfileBatch => b.type === 'profiles');
    expect(profiles.map((b) => b.variable.name).slice(0, 2)).toEqual(['brightness_temperature_22GHz', 'brightness_temperature_23GHz']);
    expect(profiles[0]?.variable.axis).toEqual({ name: 'elevation_angle', unit: 'deg', values: elevations });
    expect(profiles[1]?.variable.attributes).toEqual({ frequency_GHz: 23, channel: 2 });

    const second = profileRows(batches, 'brightness_temperature_23GHz');
    expect(second.map((r) => r.timeMs)).toEqual([T0, T0 + 600_000]);
    expect(Array.from(second[0]?.values ?? [])).toEqual([100.5, 101.5, 102.5, 103.5]);

    expect(scalarSeries(batches, 'surface_temperature').map((p) => p.value)).toEqual([Math.fround(259.16), 260.5]);
    expect(scalarSeries(batches, 'rain_flag').map((p) => p.value)).toEqual([0, 1]);
    expect(scalarSeries(batches, 'scan_quadrant').map((p) => p.value)).toEqual([0, 2]);
  });
});
