import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rpgFmcw } from '../../../../lib/instruments/rpg-fmcw';
import type { ParsedBatch } from '../../../../lib/instruments/types';
import { type FixtureDir, collect, makeFixtureDir, profileRows, scalarSeries } from '../../../helpers/fixtures/hatpro';
import { FMCW_CODES, floatsPerGate, simpleFmcwFile, writeFmcwLv1 } from '../../../helpers/fixtures/rpg-fmcw';

const T0 = Date.UTC(2024, 5, 1, 12, 0, 0);
let dir: FixtureDir;
beforeAll(async () => {
  dir = await makeFixtureDir();
});
afterAll(() => dir.cleanup());

async function parse(name: string, bytes: Buffer, options: { afterTimeMs?: number; batchSize?: number } = {}) {
  const file = await dir.write(name, bytes);
  const parser = rpgFmcw.parserFor(name, bytes.subarray(0, 512));
  if (!parser) throw new Error(`rpg-fmcw does not claim ${name}`);
  const parsed = await parser(file, { fileName: name, ...options });
  return { meta: parsed.meta, batches: await collect(parsed.batches) };
}

const names = (batches: ParsedBatch[]) =>
  [...new Set(batches.flatMap((b) => (b.type === 'profiles' ? [b.variable.name] : [])))];

describe('RPG FMCW LV1 parser', () => {
  const variants = [
    { label: 'v1.0', code: FMCW_CODES.v1, version: 1 },
    { label: 'v2.0', code: FMCW_CODES.v2, version: 2 },
    { label: 'v3.5', code: FMCW_CODES.v35, version: 3.5 },
    { label: 'v4.0', code: FMCW_CODES.v4, version: 4 },
    { label: 'v3.5 consistency-checked', code: FMCW_CODES.v35checked, version: 3.5 },
    { label: 'v4.0 consistency-checked', code: FMCW_CODES.v4checked, version: 4 },
  ];
  for (const variant of variants) {
    it(`reads file code ${variant.code} (${variant.label})`, async () => {
      const { meta, batches } = await parse(`${variant.code}.LV1`, simpleFmcwFile({ startMs: T0, count: 3, code: variant.code }));
      expect(meta.format).toBe('rpg-fmcw-lv1');
      expect(meta.attributes).toMatchObject({ fileCode: variant.code, version: variant.version, samples: 3, dualPol: 1, rangeGates: 6 });
      expect(meta.attributes.startTime !== undefined).toBe(variant.version > 2);
      const ze = profileRows(batches, 'Ze');
      expect(ze.map((row) => new Date(row.timeMs).toISOString())).toEqual([
        '2024-06-01T12:00:00.250Z', '2024-06-01T12:00:01.250Z', '2024-06-01T12:00:02.250Z',
      ]);
      // Gate 0 and 2 have data, gate 1 none: NaN, never 0.
      expect(Array.from(ze[1]!.values.subarray(0, 3))).toEqual([1, NaN, Math.fround(1.2)]);
      expect(Array.from(profileRows(batches, 'ldr')[0]!.values.subarray(0, 3))).toEqual([Math.fround(0.05), NaN, Math.fround(0.25)]);
    });
  }

  it('names the moments by polarisation mode: single, LDR mode, STSR mode', async () => {
    const single = await parse('single.LV1', simpleFmcwFile({ startMs: T0, count: 1, dualPol: 0 }));
    expect(names(single.batches)).toEqual(['Ze', 'v', 'width', 'skewness', 'kurtosis']);
    const ldr = await parse('ldr.LV1', simpleFmcwFile({ startMs: T0, count: 1, dualPol: 1 }));
    expect(names(ldr.batches)).toEqual(['Ze', 'v', 'width', 'skewness', 'kurtosis', 'ldr', 'rho_cx', 'phi_cx']);
    const stsr = await parse('stsr.LV1', simpleFmcwFile({ startMs: T0, count: 1, dualPol: 2 }));
    expect(names(stsr.batches)).toEqual([
      'Ze', 'v', 'width', 'skewness', 'kurtosis', 'zdr', 'rho_hv', 'phi_dp', 'sldr', 'srho_hv', 'kdp', 'differential_attenuation',
    ]);
    // The reserved float between phi_dp (index 7) and sldr (index 9) is skipped: sldr is the 10th float.
    expect(profileRows(stsr.batches, 'sldr')[0]!.values[0]).toBe(Math.fround(0.09));
  });

  it('keeps the range axis, housekeeping values, and -999 as missing', async () => {
    const perGate = floatsPerGate(1);
    const gate = Array.from({ length: perGate }, (_, i) => i);
    gate[5] = -999;
    const housekeeping = Array.from({ length: 17 }, (_, i) => 10 + i);
    housekeeping[8] = -999;
    const bytes = writeFmcwLv1({
      dualPol: 1,
      rangeGates: [120.5, 150.5, 180.5],
      samples: [{ timeMs: T0, qualityFlag: 4, housekeeping, gates: [gate, null, gate] }],
    });
    const { batches } = await parse('values.LV1', bytes);
    const ze = batches.find((b) => b.type === 'profiles' && b.variable.name === 'Ze');
    expect(ze?.type === 'profiles' && ze.variable.axis).toEqual({ name: 'range', unit: 'm', values: [120.5, 150.5, 180.5] });
    expect(ze?.type === 'profiles' && ze.variable.unit).toBe('mm6 m-3');
    expect(Array.from(profileRows(batches, 'ldr')[0]!.values)).toEqual([NaN, NaN, NaN]);
    expect(scalarSeries(batches, 'quality_flag')[0]!.value).toBe(4);
    expect(scalarSeries(batches, 'rain_rate')[0]!.value).toBe(10);
    expect(scalarSeries(batches, 'lwp')[0]!.value).toBeNull();
    expect(scalarSeries(batches, 'pc_temperature')[0]!.value).toBe(26);
  });

  it('streams in batches and honours afterTimeMs', async () => {
    const bytes = simpleFmcwFile({ startMs: T0, count: 10 });
    const all = await parse('batches.LV1', bytes, { batchSize: 3 });
    expect(profileRows(all.batches, 'v')).toHaveLength(10);
    expect(all.batches.filter((b) => b.type === 'scalars').map((b) => b.rows.length)).toEqual([3, 3, 3, 1]);
    const tail = await parse('tail.LV1', bytes, { afterTimeMs: T0 + 6_250 });
    expect(scalarSeries(tail.batches, 'rain_rate').map((p) => p.timeMs)).toEqual([T0 + 7_250, T0 + 8_250, T0 + 9_250]);
  });

  it('reads an empty file (no samples) as no rows', async () => {
    const { meta, batches } = await parse('none.LV1', simpleFmcwFile({ startMs: T0, count: 0 }));
    expect(meta.attributes.samples).toBe(0);
    expect(batches).toEqual([]);
  });

  it('claims files by code or .LV1 name, not other files', () => {
    const head = simpleFmcwFile({ startMs: T0, count: 1 }).subarray(0, 512);
    expect(rpgFmcw.parserFor('renamed.bin', head)).not.toBeNull();
    expect(rpgFmcw.parserFor('notes.txt', Buffer.from('hello world'))).toBeNull();
    expect(rpgFmcw.parserFor('garbage.lv1', Buffer.from('hello world'))).not.toBeNull();
    const lv0 = Buffer.alloc(8);
    lv0.writeInt32LE(FMCW_CODES.lv0);
    // Claimed so that the parser can say why it is refused (see hostile.test.ts).
    expect(rpgFmcw.parserFor('spectra.LV0', lv0)).not.toBeNull();
  });
});
