import fs from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParsedBatch, ParsedFile } from '../../../../lib/instruments/types';
import { parseCl61File } from '../../../../lib/instruments/vaisala-cl61/parser';
import { MONITORING_OFFSET_MS, syntheticCl61Layout, writeCl61File } from '../../../helpers/fixtures/cl61';

const START_MS = Date.UTC(2024, 2, 1, 12);

async function collect(parsed: ParsedFile): Promise<ParsedBatch[]> {
  const batches: ParsedBatch[] = [];
  for await (const batch of parsed.batches) batches.push(batch);
  return batches;
}

/** Rows per batch, per stream and variable, in the order yielded. */
function shapeOf(batches: ParsedBatch[]): string[] {
  return batches.map((b) => `${b.type === 'profiles' ? b.variable.name : b.stream}:${b.rows.length}`);
}

describe('vaisala-cl61 batching and afterTimeMs', () => {
  let dir: string;
  let file2021: string;
  let file2023: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'fieldops-cl61-'));
    file2021 = path.join(dir, 'a.nc');
    file2023 = path.join(dir, 'b.nc');
    await writeCl61File(file2021, syntheticCl61Layout({ schema: 'cl61-2021', startMs: START_MS, cloudRows: 7 }));
    await writeCl61File(file2023, syntheticCl61Layout({ schema: 'cl61-2023', startMs: START_MS }));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('reads all 12 profiles in one batch per variable by default (500)', async () => {
    const batches = await collect(await parseCl61File(file2021, { fileName: 'a.nc' }));
    expect(shapeOf(batches)).toEqual(['beta_att:12', 'p_pol:12', 'x_pol:12', 'linear_depol_ratio:12', 'cl61_scalars:12', 'cl61_diagnostics:1']);
  });

  it('splits profiles and scalars into batches of batchSize rows, times in order and complete', async () => {
    const batches = await collect(await parseCl61File(file2021, { fileName: 'a.nc', batchSize: 5 }));
    expect(shapeOf(batches)).toEqual([
      ...['beta_att:5', 'p_pol:5', 'x_pol:5', 'linear_depol_ratio:5'],
      ...['beta_att:5', 'p_pol:5', 'x_pol:5', 'linear_depol_ratio:5'],
      ...['beta_att:2', 'p_pol:2', 'x_pol:2', 'linear_depol_ratio:2'],
      ...['cl61_scalars:5', 'cl61_scalars:5', 'cl61_scalars:2', 'cl61_diagnostics:1'],
    ]);
    const betaTimes = batches.filter((b) => b.type === 'profiles' && b.variable.name === 'beta_att').flatMap((b) => b.rows.map((r) => r.timeMs));
    expect(betaTimes).toEqual(Array.from({ length: 12 }, (_, r) => START_MS + r * 5_000));
  });

  it('skips rows at or before afterTimeMs in every stream', async () => {
    const afterTimeMs = START_MS + 6 * 5_000; // profile 6 itself is skipped too
    const batches = await collect(await parseCl61File(file2021, { fileName: 'a.nc', afterTimeMs }));
    expect(shapeOf(batches)).toEqual(['beta_att:5', 'p_pol:5', 'x_pol:5', 'linear_depol_ratio:5', 'cl61_scalars:5', 'cl61_diagnostics:1']);
    for (const batch of batches) for (const row of batch.rows) expect(row.timeMs).toBeGreaterThan(afterTimeMs);
  });

  it('filters the 2023 monitoring stream by its own times, not the profile times', async () => {
    const afterTimeMs = START_MS + 2 * 60_000;
    const batches = await collect(await parseCl61File(file2023, { fileName: 'b.nc', afterTimeMs }));
    const monitoring = batches.find((b) => b.type === 'scalars' && b.stream === 'cl61_monitoring');
    // Monitoring row 2 is 4.7 s before profile 2, so it is skipped; rows 3 and 4 remain.
    expect(monitoring?.rows.map((r) => r.timeMs)).toEqual([3, 4].map((r) => START_MS + r * 60_000 + MONITORING_OFFSET_MS));
  });

  it('yields nothing once afterTimeMs is the last time in the file', async () => {
    const batches = await collect(await parseCl61File(file2021, { fileName: 'a.nc', afterTimeMs: START_MS + 11 * 5_000 }));
    expect(batches).toEqual([]);
  });

  it('holds no file open between batches, so abandoning the iterator leaks nothing', async () => {
    const parsed = await parseCl61File(file2021, { fileName: 'a.nc', batchSize: 2 });
    for await (const batch of parsed.batches) {
      expect(batch.rows).toHaveLength(2);
      expect(openDescriptorsOf(file2021)).toBe(0); // even while the consumer holds a batch
      break;
    }
    expect(openDescriptorsOf(file2021)).toBe(0);
  });

  it('skips profiles whose time is a fill value, in every stream, and counts them', async () => {
    const layout = syntheticCl61Layout({ schema: 'cl61-2023', startMs: START_MS });
    const time = layout.variables.find((v) => v.path === 'time');
    if (!time) throw new Error('fixture has no time');
    time.values = Array.from(time.values, (value, row) => (row === 1 ? -999 : value));
    const file = path.join(dir, 'fill-time.nc');
    await writeCl61File(file, layout);
    const parsed = await parseCl61File(file, { fileName: 'fill-time.nc' });
    expect(parsed.meta.attributes.profilesWithoutTime).toBe(1);
    const batches = await collect(parsed);
    const profileTimes = batches.filter((b) => b.type === 'profiles' || b.stream === 'cl61_scalars').map((b) => b.rows.map((r) => r.timeMs));
    for (const times of profileTimes) expect(times).toEqual([0, 2, 3, 4].map((r) => START_MS + r * 60_000));
  });
});

/**
 * File descriptors this process (the reader thread included) holds on `file`, from /proc/self/fd. h5wasm
 * opens files through Node's fs (NODERAWFS), so an HDF5 handle left open shows up here. 0 where /proc is absent.
 */
function openDescriptorsOf(file: string): number {
  const fdDir = '/proc/self/fd';
  if (!fs.existsSync(fdDir)) return 0;
  const target = fs.realpathSync(file);
  return fs.readdirSync(fdDir).filter((fd) => {
    try {
      return fs.readlinkSync(path.join(fdDir, fd)) === target;
    } catch {
      return false; // closed while we looked
    }
  }).length;
}
