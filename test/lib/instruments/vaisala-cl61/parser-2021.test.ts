import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParsedBatch, ParsedFile, ProfileBatch, ScalarBatch } from '../../../../lib/instruments/types';
import { parseCl61File } from '../../../../lib/instruments/vaisala-cl61/parser';
import { expectedBetaAtt, expectedCloudBase, syntheticCl61Layout, writeCl61File } from '../../../helpers/fixtures/cl61';

const START_MS = Date.UTC(2021, 7, 29, 0, 0, 0, 708);

async function collect(parsed: ParsedFile): Promise<ParsedBatch[]> {
  const batches: ParsedBatch[] = [];
  for await (const batch of parsed.batches) batches.push(batch);
  return batches;
}

const scalarsOf = (batches: ParsedBatch[], stream: string) =>
  batches.filter((b): b is ScalarBatch => b.type === 'scalars' && b.stream === stream);
function column(batch: ScalarBatch, name: string): (number | null)[] {
  const index = batch.variables.findIndex((v) => v.name === name);
  expect(index, `variable ${name}`).toBeGreaterThanOrEqual(0);
  return batch.rows.map((row) => row.values[index] ?? null);
}

describe('vaisala-cl61 parser, 2021 firmware schema (dims profile/range/layer)', () => {
  let dir: string;
  let parsed: ParsedFile;
  let batches: ParsedBatch[];

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'fieldops-cl61-'));
    const file = path.join(dir, 'live_20210829_000020.nc');
    // No stored cloud rows at all, like the real 2021 sample; an unwritten gate holds netCDF's default fill.
    await writeCl61File(file, syntheticCl61Layout({ schema: 'cl61-2021', startMs: START_MS, cloudRows: 0, missingGates: [[4, 0]] }));
    parsed = await parseCl61File(file, { fileName: 'live_20210829_000020.nc' });
    batches = await collect(parsed);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('recognises the schema and takes the software version from `history`', () => {
    expect(parsed.meta.attributes).toMatchObject({
      schema: 'cl61-2021',
      firmwareVersion: '1.0.0-rc1',
      serialNumber: null,
      profileIntervalSeconds: 5,
      profileCount: 12,
      latitude: 0,
      'monitoring.cl_overall': 'OK: 0',
    });
  });

  it('decodes 5 s profiles along the `profile` dimension, NaN where nothing was written', () => {
    const beta = batches.find((b): b is ProfileBatch => b.type === 'profiles' && b.variable.name === 'beta_att');
    expect(beta?.rows.map((r) => r.timeMs)).toEqual(Array.from({ length: 12 }, (_, r) => START_MS + r * 5_000));
    expect(beta?.rows[11]?.values[15]).toBe(expectedBetaAtt(11, 15));
    expect(beta?.rows[4]?.values[0]).toBeNaN();
    expect(beta?.variable.attributes?.units_in_file).toBe('m^-1.sr^-1');
  });

  it('pads an empty cloud_base_heights with nulls for every profile', () => {
    const scalars = scalarsOf(batches, 'cl61_scalars')[0] as ScalarBatch;
    expect(scalars.rows).toHaveLength(12);
    for (const layer of [1, 2, 3, 4, 5]) expect(column(scalars, `cloud_base_heights_${layer}`)).toEqual(new Array(12).fill(null));
    expect(column(scalars, 'beta_att_sum')[2]).toBeCloseTo(5.2);
  });

  it('drops beta_att_noise_level, which this firmware writes as packed integers', () => {
    const scalars = scalarsOf(batches, 'cl61_scalars')[0] as ScalarBatch;
    expect(scalars.variables.map((v) => v.name)).not.toContain('beta_att_noise_level');
  });

  it('stamps the diagnostics snapshot (group attributes) with the last profile time', () => {
    const [snapshot, ...more] = scalarsOf(batches, 'cl61_diagnostics');
    expect(more).toHaveLength(0);
    expect(snapshot?.rows).toHaveLength(1);
    expect(snapshot?.rows[0]?.timeMs).toBe(START_MS + 11 * 5_000);
    expect(column(snapshot as ScalarBatch, 'p5VR')).toEqual([4.983]);
    expect(column(snapshot as ScalarBatch, 'APD_temperature')).toEqual([21.5]);
  });

  it('reads stored cloud rows when there are some (float64 with -999 fill)', async () => {
    const file = path.join(dir, 'with-clouds.nc');
    await writeCl61File(file, syntheticCl61Layout({ schema: 'cl61-2021', startMs: START_MS, cloudRows: 12 }));
    const scalars = scalarsOf(await collect(await parseCl61File(file, { fileName: 'with-clouds.nc' })), 'cl61_scalars')[0] as ScalarBatch;
    expect(column(scalars, 'cloud_base_heights_2')).toEqual(Array.from({ length: 12 }, (_, row) => expectedCloudBase(row, 2)));
  });
});
