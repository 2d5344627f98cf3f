// Real CL61 files from ../shared/samples/vaisala-cl61 (verbatim from cloudnetpy's test data: one 2021-firmware
// and one 2023-firmware "live" file). Spot values were read independently with h5wasm's plain API, not through
// the parser. Skipped, with a printed reason, where the shared samples folder is absent.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ParsedBatch, ProfileBatch, ScalarBatch } from '../../lib/instruments/types';
import { vaisalaCl61 } from '../../lib/instruments/vaisala-cl61';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const samplesDir = path.resolve(repoRoot, '..', 'shared', 'samples', 'vaisala-cl61');
const exists = fs.existsSync(samplesDir);
if (!exists) console.warn(`vaisala-cl61 acceptance tests skipped: no sample folder at ${samplesDir}`);

const FILE_2021 = 'cl61d_live_20210829_000020.nc';
const FILE_2023 = 'cl61d-2_live_20230730_001125.nc';

async function parseSample(name: string) {
  const file = path.join(samplesDir, name);
  const head = Buffer.alloc(16);
  const handle = fs.openSync(file, 'r');
  fs.readSync(handle, head, 0, head.length, 0);
  fs.closeSync(handle);
  const parser = vaisalaCl61.parserFor(name, head);
  if (!parser) throw new Error(`vaisala-cl61 does not claim ${name}`);
  const parsed = await parser(file, { fileName: `vaisala-cl61/${name}` });
  const batches: ParsedBatch[] = [];
  for await (const batch of parsed.batches) batches.push(batch);
  return { meta: parsed.meta, batches };
}

const profiles = (batches: ParsedBatch[], name: string) =>
  batches.filter((b): b is ProfileBatch => b.type === 'profiles' && b.variable.name === name).flatMap((b) => b.rows);
const stream = (batches: ParsedBatch[], name: string) => batches.filter((b): b is ScalarBatch => b.type === 'scalars' && b.stream === name);
function column(batches: ParsedBatch[], streamName: string, variable: string): (number | null)[] {
  return stream(batches, streamName).flatMap((batch) => {
    const index = batch.variables.findIndex((v) => v.name === variable);
    if (index < 0) throw new Error(`${streamName} has no ${variable}`);
    return batch.rows.map((row) => row.values[index] ?? null);
  });
}
const iso = (timeMs: number | undefined) => (timeMs === undefined ? undefined : new Date(timeMs).toISOString());

describe.skipIf(!exists)('vaisala-cl61 on real instrument files', () => {
  const names = exists ? fs.readdirSync(samplesDir).filter((name) => !name.startsWith('.')) : [];

  it('parses every sample file completely', async () => {
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) {
      const { meta, batches } = await parseSample(name);
      expect(['cl61-2021', 'cl61-2023'], name).toContain(meta.attributes.schema);
      const beta = profiles(batches, 'beta_att');
      expect(beta.length, name).toBe(meta.attributes.profileCount);
      for (const row of beta) {
        expect(Number.isFinite(row.timeMs), name).toBe(true);
        expect(row.values.length, name).toBe(meta.attributes.rangeGates);
      }
    }
  });

  it(`reads the 2023-firmware file ${FILE_2023}`, async () => {
    const { meta, batches } = await parseSample(FILE_2023);
    expect(meta.attributes).toMatchObject({
      schema: 'cl61-2023',
      firmwareVersion: '1.2.7',
      serialNumber: 'T2520357',
      profileIntervalSeconds: 60,
      profileCount: 5,
      rangeGates: 3276,
      latitude: 67.988,
      longitude: 24.243,
      elevation: 342,
    });
    const beta = profiles(batches, 'beta_att');
    expect(iso(beta[0]?.timeMs)).toBe('2023-07-30T00:06:25.923Z');
    expect(iso(beta[4]?.timeMs)).toBe('2023-07-30T00:10:25.855Z');
    expect(beta[2]?.values[1000]).toBe(Math.fround(2.7988749025098514e-6));
    expect(beta[4]?.values[100]).toBe(Math.fround(-6.394000138243428e-7));
    const axis = batches.find((b): b is ProfileBatch => b.type === 'profiles')?.variable.axis;
    expect([axis?.values.length, axis?.values[0], axis?.values[3275], axis?.unit]).toEqual([3276, 0, 15720, 'm']);
    expect(['p_pol', 'x_pol', 'linear_depol_ratio'].map((name) => profiles(batches, name).length)).toEqual([5, 5, 5]);

    // cloud_base_heights stores 3 rows for 5 profiles: the last two are padding, not shifted values.
    expect(column(batches, 'cl61_scalars', 'cloud_base_heights_1')).toEqual([91, 96, 91, null, null]);
    expect(column(batches, 'cl61_scalars', 'cloud_base_heights_2')).toEqual([null, null, null, null, null]);
    expect(column(batches, 'cl61_scalars', 'vertical_visibility')).toEqual([null, null, null, 178, 173]);
    expect(column(batches, 'cl61_scalars', 'cloud_thickness_1')).toEqual([null, null, null, null, null]); // -999 under _FillValue -99
    expect(column(batches, 'cl61_scalars', 'sky_condition_total_cloud_cover')).toEqual([9, 9, 9, 9, 9]);

    const monitoringTimes = stream(batches, 'cl61_monitoring').flatMap((b) => b.rows.map((r) => r.timeMs));
    expect(monitoringTimes[0]).toBeCloseTo(1690675581203.89, 2);
    expect(column(batches, 'cl61_monitoring', 'internal_temperature')[0]).toBe(Math.fround(18.83));
    expect(column(batches, 'cl61_monitoring', 'laser_temperature')[0]).toBe(Math.fround(20.670156478881836));
    expect(column(batches, 'cl61_monitoring', 'window_condition')[0]).toBe(Math.fround(91.69122314453125));
    expect(column(batches, 'cl61_status', 'Device_overall')).toEqual([3, 3, 3, 3, 3]);
  });

  it(`reads the 2021-firmware file ${FILE_2021}`, async () => {
    const { meta, batches } = await parseSample(FILE_2021);
    expect(meta.attributes).toMatchObject({
      schema: 'cl61-2021',
      firmwareVersion: '1.0.0-rc1',
      serialNumber: null,
      profileIntervalSeconds: 5,
      profileCount: 12,
      rangeGates: 3276,
      'monitoring.cl_overall': 'OK: 0',
    });
    const beta = profiles(batches, 'beta_att');
    // The name is (about) when the file was closed: its profiles span the minute before, across midnight.
    expect(iso(beta[0]?.timeMs)).toBe('2021-08-28T23:59:20.708Z');
    expect(iso(beta[11]?.timeMs)).toBe('2021-08-29T00:00:15.690Z');
    expect(beta[0]?.values[0]).toBe(Math.fround(3.2564591947448207e-6));
    expect(beta[2]?.values[1000]).toBe(Math.fround(8.864789720064437e-7));
    expect(beta[11]?.values[100]).toBe(Math.fround(3.250540032695426e-7));

    // cloud_base_heights holds no stored rows at all in this file: every profile gets nulls.
    for (const layer of [1, 2, 3, 4, 5]) {
      expect(column(batches, 'cl61_scalars', `cloud_base_heights_${layer}`)).toEqual(new Array(12).fill(null));
    }
    expect(column(batches, 'cl61_scalars', 'beta_att_sum')[0]).toBeCloseTo(5.605862596866631, 12);

    const [snapshot] = stream(batches, 'cl61_diagnostics');
    expect(snapshot?.rows.map((r) => iso(r.timeMs))).toEqual(['2021-08-29T00:00:15.690Z']);
    expect(column(batches, 'cl61_diagnostics', 'p5VR')).toEqual([Math.fround(4.9830002784729)]);
    expect(column(batches, 'cl61_diagnostics', 'clomenvironmentalmsensormenvmtemperature')).toEqual([Math.fround(15.01)]);
  });
});
