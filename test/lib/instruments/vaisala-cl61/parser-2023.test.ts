import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParsedBatch, ParsedFile, ProfileBatch, ScalarBatch } from '../../../../lib/instruments/types';
import { parseCl61File } from '../../../../lib/instruments/vaisala-cl61/parser';
import {
  MONITORING_OFFSET_MS,
  expectedBetaAtt,
  expectedCloudBase,
  syntheticCl61Layout,
  writeCl61File,
} from '../../../helpers/fixtures/cl61';

const START_MS = Date.UTC(2023, 6, 30, 0, 6, 25, 923);
const PROFILE_MS = 60_000;

async function collect(parsed: ParsedFile): Promise<ParsedBatch[]> {
  const batches: ParsedBatch[] = [];
  for await (const batch of parsed.batches) batches.push(batch);
  return batches;
}

const profilesOf = (batches: ParsedBatch[], name: string) =>
  batches.filter((b): b is ProfileBatch => b.type === 'profiles' && b.variable.name === name);
const scalarsOf = (batches: ParsedBatch[], stream: string) =>
  batches.filter((b): b is ScalarBatch => b.type === 'scalars' && b.stream === stream);
function column(batch: ScalarBatch, name: string): (number | null)[] {
  const index = batch.variables.findIndex((v) => v.name === name);
  expect(index, `variable ${name}`).toBeGreaterThanOrEqual(0);
  return batch.rows.map((row) => row.values[index] ?? null);
}

describe('vaisala-cl61 parser, 2023 firmware schema (dims time/range/layer)', () => {
  let dir: string;
  let parsed: ParsedFile;
  let batches: ParsedBatch[];

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'fieldops-cl61-'));
    const file = path.join(dir, 'live_20230730_000625.nc');
    // 5 profiles but only 3 stored cloud rows, as real files have; one missing gate in every profile variable.
    await writeCl61File(file, syntheticCl61Layout({ schema: 'cl61-2023', startMs: START_MS, cloudRows: 3, missingGates: [[1, 2]] }));
    parsed = await parseCl61File(file, { fileName: 'cl61/live_20230730_000625.nc' });
    batches = await collect(parsed);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('describes the file: schema, firmware, serial number, cadence and site', () => {
    expect(parsed.meta.format).toBe('vaisala-cl61 netCDF-4');
    expect(parsed.meta.attributes).toMatchObject({
      schema: 'cl61-2023',
      firmwareVersion: '1.2.7',
      serialNumber: 'T0000001',
      profileIntervalSeconds: 60,
      profileCount: 5,
      rangeGates: 16,
      latitude: 67.988,
      elevation: 342,
    });
  });

  it('yields one profile batch per variable along range, with times from the units attribute', () => {
    for (const name of ['beta_att', 'p_pol', 'x_pol', 'linear_depol_ratio']) {
      const [batch, ...more] = profilesOf(batches, name);
      expect(more).toHaveLength(0);
      expect(batch?.stream).toBe('cl61_profiles');
      expect(batch?.variable.axis?.name).toBe('range');
      expect(batch?.variable.axis?.unit).toBe('m');
      expect(batch?.variable.axis?.values[1]).toBeCloseTo(4.8);
      expect(batch?.rows.map((r) => r.timeMs)).toEqual([0, 1, 2, 3, 4].map((r) => START_MS + r * PROFILE_MS));
    }
  });

  it('keeps beta_att values and turns the fill value into NaN', () => {
    const beta = profilesOf(batches, 'beta_att')[0];
    expect(beta?.variable.unit).toBe('m-1 sr-1');
    expect(beta?.variable.attributes?.units_in_file).toBe('1/(m*sr)');
    expect(beta?.rows[3]?.values[7]).toBe(expectedBetaAtt(3, 7));
    expect(beta?.rows[1]?.values).toBeInstanceOf(Float32Array);
    expect(beta?.rows[1]?.values).toHaveLength(16);
    for (const name of ['beta_att', 'p_pol', 'x_pol', 'linear_depol_ratio']) {
      expect(profilesOf(batches, name)[0]?.rows[1]?.values[2]).toBeNaN();
    }
  });

  it('pads cloud_base_heights (3 stored rows) with nulls at the end instead of shifting them', () => {
    const scalars = scalarsOf(batches, 'cl61_scalars')[0] as ScalarBatch;
    expect(scalars.rows.map((r) => r.timeMs)).toEqual([0, 1, 2, 3, 4].map((r) => START_MS + r * PROFILE_MS));
    for (const layer of [1, 2, 3, 4, 5]) {
      const expected = [0, 1, 2].map((row) => expectedCloudBase(row, layer)).concat([null, null]);
      expect(column(scalars, `cloud_base_heights_${layer}`)).toEqual(expected);
    }
    const layer1 = scalars.variables.find((v) => v.name === 'cloud_base_heights_1');
    expect(layer1).toMatchObject({ unit: 'm', shape: 'scalar', attributes: { layer: 1, source_variable: 'cloud_base_heights' } });
  });

  it('treats both -99 and -999 as missing in cloud variables, and keeps the other scalars', () => {
    const scalars = scalarsOf(batches, 'cl61_scalars')[0] as ScalarBatch;
    expect(column(scalars, 'cloud_thickness_1')).toEqual([null, null, null, null, null]);
    expect(column(scalars, 'sky_condition_total_cloud_cover')).toEqual([8, 8, 8, 8, 9]);
    expect(column(scalars, 'beta_att_noise_level')).toEqual([800, 801, 802, 803, 804]);
    expect(scalars.variables.find((v) => v.name === 'tilt_angle')?.unit).toBe('degree');
  });

  it('puts the monitoring and status groups in their own streams on their own time axis', () => {
    const monitoring = scalarsOf(batches, 'cl61_monitoring')[0] as ScalarBatch;
    expect(monitoring.rows.map((r) => r.timeMs)).toEqual([0, 1, 2, 3, 4].map((r) => START_MS + r * PROFILE_MS + MONITORING_OFFSET_MS));
    expect(column(monitoring, 'internal_temperature')).toEqual([18.5, null, 20.5, 21.5, 22.5]);
    expect(monitoring.variables.find((v) => v.name === 'internal_temperature')?.unit).toBe('degC');
    const status = scalarsOf(batches, 'cl61_status')[0] as ScalarBatch;
    expect(column(status, 'Device_overall')).toEqual([3, 3, 3, 3, 3]);
    expect(scalarsOf(batches, 'cl61_diagnostics')).toHaveLength(0);
  });
});
