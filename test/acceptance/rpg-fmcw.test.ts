// Real RPG FMCW LV1 files from ../shared/samples/rpg-fmcw (verbatim from cloudnetpy's test data). Spot values
// were read independently with numpy following rpgpy's `header.py` / `_read_rpg_l1` layout. Skipped, with a
// printed reason, where the shared samples folder is absent.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { rpgFmcw } from '../../lib/instruments/rpg-fmcw';
import { ParseError } from '../../lib/instruments/types';
import { collect, profileRows, scalarSeries } from '../helpers/fixtures/hatpro';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const samplesDir = path.resolve(repoRoot, '..', 'shared', 'samples', 'rpg-fmcw');
const exists = fs.existsSync(samplesDir);
if (!exists) console.warn(`rpg-fmcw acceptance tests skipped: no sample folder at ${samplesDir}`);

async function parseSample(name: string) {
  const file = path.join(samplesDir, name);
  const head = fs.readFileSync(file).subarray(0, 512);
  const parser = rpgFmcw.parserFor(name, head);
  if (!parser) throw new Error(`rpg-fmcw does not claim ${name}`);
  const parsed = await parser(file, { fileName: name });
  return { meta: parsed.meta, batches: await collect(parsed.batches) };
}

describe.skipIf(!exists)('rpg-fmcw sample files', () => {
  it('every sample file is either parsed or refused with a ParseError', async () => {
    const names = fs.readdirSync(samplesDir).filter((name) => /\.lv1$/i.test(name));
    expect(names.length).toBeGreaterThanOrEqual(2);
    for (const name of names) {
      const outcome = await parseSample(name).then(() => 'parsed', (error: unknown) => (error instanceof ParseError ? 'refused' : error));
      expect(outcome).toBe(name.startsWith('corrupted') ? 'refused' : 'parsed');
    }
  });

  it('BaseN_210913_001152_P01_PPI.LV1: 35 GHz STSR radar, 68 samples of a 75 deg PPI scan', async () => {
    const { meta, batches } = await parseSample('BaseN_210913_001152_P01_PPI.LV1');
    expect(meta.attributes).toMatchObject({
      fileCode: 889348, version: 4, dualPol: 2, samples: 68, rangeGates: 339,
      programName: 'Doppler 1 sec', customerName: 'DELFT3-K', frequencyGHz: 35, softwareVersion: 5.59,
      spectralSamples: '512,512,512', chirpStartGates: '0,22,74',
    });
    expect(meta.attributes.latitude).toBeCloseTo(51.9678, 4);
    expect(meta.attributes.longitude).toBeCloseTo(4.9294, 4);

    const ze = profileRows(batches, 'Ze');
    expect(ze).toHaveLength(68);
    expect(new Date(ze[0]!.timeMs).toISOString()).toBe('2021-09-13T00:11:52.779Z');
    expect(new Date(ze.at(-1)!.timeMs).toISOString()).toBe('2021-09-13T00:13:03.890Z');
    expect(ze[0]!.values[5]).toBe(Math.fround(0.0012779657263308764));
    expect(Number.isNaN(ze[0]!.values[0])).toBe(true);

    // 667 gates with data over the file; linear Ze 5.46e-5..3.14 (-42.6..+5 dBZ), velocities within +-4 m/s.
    const present = ze.flatMap((row) => Array.from(row.values).filter((v) => !Number.isNaN(v)));
    expect(present).toHaveLength(667);
    expect(Math.min(...present)).toBe(Math.fround(5.4629076e-5));
    expect(Math.max(...present)).toBe(Math.fround(3.1357687));
    const v = profileRows(batches, 'v').flatMap((row) => Array.from(row.values).filter((x) => !Number.isNaN(x)));
    expect([Math.min(...v), Math.max(...v)]).toEqual([Math.fround(-3.9952738), Math.fround(3.843453)]);

    const axis = batches.find((b) => b.type === 'profiles')!;
    expect(axis.type === 'profiles' && axis.variable.axis!.values.length).toBe(339);
    expect(axis.type === 'profiles' && axis.variable.axis!.values[0]).toBeCloseTo(111.795, 3);

    expect(scalarSeries(batches, 'elevation').every((p) => p.value === Math.fround(75.01))).toBe(true);
    expect(scalarSeries(batches, 'relative_humidity')[0]!.value).toBe(Math.fround(99.8));
    expect(scalarSeries(batches, 'temperature')[0]!.value).toBe(Math.fround(285.66));
    expect(scalarSeries(batches, 'pressure')[0]!.value).toBe(1019);
    expect(scalarSeries(batches, 'transmitter_power')[0]!.value).toBe(Math.fround(10.781304359436035));
    expect(scalarSeries(batches, 'quality_flag').at(-1)!.value).toBe(1);
  });

  it('corrupted_230401_000001_P00_ZEN.LV1: refused as truncated, before any sample is decoded', async () => {
    await expect(parseSample('corrupted_230401_000001_P00_ZEN.LV1')).rejects.toThrow(
      'corrupted_230401_000001_P00_ZEN.LV1: byte 42336: truncated: the header promises 1093 samples of at least 4152 bytes each, but only 1088156 bytes follow (room for 262)',
    );
  });
});
