import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rpgHatpro } from '../../../../lib/instruments/rpg-hatpro';
import type { ScalarBatch } from '../../../../lib/instruments/types';
import { type FixtureDir, makeFixtureDir, parseFixture, scalarSeries, writeHkd } from '../../../helpers/fixtures/hatpro';

const T0 = Date.UTC(2024, 5, 1, 12, 0, 0);
let dir: FixtureDir;
beforeAll(async () => {
  dir = await makeFixtureDir();
});
afterAll(() => dir.cleanup());

const full = {
  timeMs: T0,
  alarm: 1,
  longitude: 24.25,
  latitude: 61.75,
  temperatures: [276.5, 276.25, 323.5, 324.25] as [number, number, number, number],
  stabilities: [0.0625, 0.125] as [number, number],
  flashMemory: 15211,
  qualityFlags: 3,
  statusFlags: -2147483648 | 96632703,
};

describe('HKD files', () => {
  it('reads every group the selection bits announce, ignoring bits that add no bytes', async () => {
    const selection = 0b11_0011_1111;
    const { meta, batches } = await parseFixture(rpgHatpro, dir, 'all.HKD', writeHkd({ selection, records: [full] }));
    expect(meta.attributes).toMatchObject({ family: 'HKD', version: 1, selectionBits: 831 });
    expect((batches[0] as ScalarBatch).variables.map((v) => v.name)).toEqual([
      'alarm',
      'gps_longitude',
      'gps_latitude',
      'ambient_target_temperature_1',
      'ambient_target_temperature_2',
      'receiver_1_temperature',
      'receiver_2_temperature',
      'receiver_1_stability',
      'receiver_2_stability',
      'flash_memory_remaining',
      'quality_flags',
      'status_flags',
    ]);
    expect((batches[0] as ScalarBatch).rows[0]?.values).toEqual([
      1, 24.25, 61.75, 276.5, 276.25, 323.5, 324.25, 0.0625, 0.125, 15211, 3, (0x80000000 + 96632703),
    ]);
  });

  it('reads a subset of groups', async () => {
    const selection = 0b10_0010;
    const records = [full, { ...full, timeMs: T0 + 1000, temperatures: [1, 2, 3, 4] as [number, number, number, number] }];
    const { batches } = await parseFixture(rpgHatpro, dir, 'subset.HKD', writeHkd({ selection, records }));
    expect((batches[0] as ScalarBatch).variables.map((v) => v.name)).toEqual([
      'alarm',
      'ambient_target_temperature_1',
      'ambient_target_temperature_2',
      'receiver_1_temperature',
      'receiver_2_temperature',
      'status_flags',
    ]);
    expect(scalarSeries(batches, 'receiver_2_temperature').map((p) => p.value)).toEqual([324.25, 4]);
    expect(scalarSeries(batches, 'gps_latitude')).toEqual([]);
  });
});
