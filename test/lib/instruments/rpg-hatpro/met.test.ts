import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rpgHatpro } from '../../../../lib/instruments/rpg-hatpro';
import type { ScalarBatch } from '../../../../lib/instruments/types';
import { type FixtureDir, makeFixtureDir, parseFixture, scalarSeries, writeMet } from '../../../helpers/fixtures/hatpro';

const T0 = Date.UTC(2024, 5, 1, 12, 0, 0);
let dir: FixtureDir;
beforeAll(async () => {
  dir = await makeFixtureDir();
});
afterAll(() => dir.cleanup());

const unitsOf = (batch: ScalarBatch) => Object.fromEntries(batch.variables.map((v) => [v.name, v.unit]));

describe('MET files', () => {
  it('v1: pressure, temperature and humidity only', async () => {
    const records = [{ timeMs: T0, flag: 1, pressure: 991.1, temperature: 259.25, relativeHumidity: 73.5 }];
    const { meta, batches } = await parseFixture(rpgHatpro, dir, 'v1.MET', writeMet({ version: 1, records }));
    expect(meta.attributes).toMatchObject({ family: 'MET', version: 1, additionalSensorBits: 0, additionalSensors: '' });
    expect(unitsOf(batches[0] as ScalarBatch)).toEqual({
      air_pressure: 'hPa',
      air_temperature: 'K',
      relative_humidity: '%',
      rain_flag: null,
    });
    expect(scalarSeries(batches, 'air_pressure')).toEqual([{ timeMs: T0, value: Math.fround(991.1) }]);
    expect(scalarSeries(batches, 'air_temperature')[0]?.value).toBe(259.25);
    expect(scalarSeries(batches, 'relative_humidity')[0]?.value).toBe(73.5);
    expect(scalarSeries(batches, 'rain_flag')[0]?.value).toBe(1);
  });

  it('v2: additional sensors named by their bits, in bit order', async () => {
    const records = [
      { timeMs: T0, pressure: 1000, temperature: 280, relativeHumidity: 50, additional: [7.2, 165.5, 0.5] },
      { timeMs: T0 + 1000, pressure: 1001, temperature: 281, relativeHumidity: 51, additional: [3.6, 170, 0] },
    ];
    const bytes = writeMet({ version: 2, additionalSensorBits: 0b111, records });
    const { meta, batches } = await parseFixture(rpgHatpro, dir, 'v2.MET', bytes);
    expect(meta.attributes).toMatchObject({ version: 2, additionalSensorBits: 7, additionalSensors: 'wind_speed,wind_direction,rain_rate' });
    expect(unitsOf(batches[0] as ScalarBatch)).toMatchObject({ wind_speed: 'km h-1', wind_direction: 'deg', rain_rate: 'mm h-1' });
    expect(scalarSeries(batches, 'wind_speed').map((p) => p.value)).toEqual([Math.fround(7.2), Math.fround(3.6)]);
    expect(scalarSeries(batches, 'wind_direction').map((p) => p.value)).toEqual([165.5, 170]);
    expect(scalarSeries(batches, 'rain_rate').map((p) => p.value)).toEqual([0.5, 0]);
  });

  it('v2: keeps the layout right for sensor bits the manual does not name', async () => {
    const records = [{ timeMs: T0, pressure: 1000, temperature: 280, relativeHumidity: 50, additional: [165, 42] }];
    const bytes = writeMet({ version: 2, additionalSensorBits: 0b1_0010, records });
    const { batches } = await parseFixture(rpgHatpro, dir, 'bits.MET', bytes);
    expect(scalarSeries(batches, 'wind_direction')[0]?.value).toBe(165);
    expect(scalarSeries(batches, 'additional_sensor_bit4')[0]?.value).toBe(42);
    expect(scalarSeries(batches, 'wind_speed')).toEqual([]);
  });
});
