// Acceptance: every real LI-COR .ghg archive in ../shared/samples/licor-ghg (LI-7200 + Gill sonic via an
// AIU, 20 Hz, from ClimateDataIO.jl's tests) parses, with values checked against the archive's .data member
// (read independently with unzip + awk: 36000 records, the first at Seconds 1481482800 = 20:00:00 local
// Europe/Berlin = 19:00:00 UTC, every CHK matching). Skipped, with the reason printed, where absent.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { licorGhg } from '../../lib/instruments/licor-ghg';
import { collect, scalarSeries } from '../helpers/fixtures/hatpro';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const samplesDir = path.resolve(repoRoot, '..', 'shared', 'samples', 'licor-ghg');
const exists = fs.existsSync(samplesDir);
if (!exists) console.warn(`licor-ghg acceptance tests skipped: no sample folder at ${samplesDir}`);
const sampleFiles = exists ? fs.readdirSync(samplesDir).filter((name) => name.endsWith('.ghg')) : [];

async function parseSample(name: string) {
  const file = path.join(samplesDir, name);
  const parser = licorGhg.parserFor(name, fs.readFileSync(file).subarray(0, 64));
  if (!parser) throw new Error(`licor-ghg does not claim ${name}`);
  const parsed = await parser(file, { fileName: name });
  return { meta: parsed.meta, batches: await collect(parsed.batches) };
}


/** Every variable a quicklook panel or the overview names must be one the parser yields. */
function recipeVariables(kind: typeof licorGhg): string[] {
  const panels = kind.quicklook?.plots.flatMap((plot) => plot.panels) ?? [];
  return [...panels.flatMap((panel) => (panel.type === 'timeseries' ? panel.variables : [panel.variable])), ...(kind.keyVariables ?? [])];
}

describe.skipIf(!exists)('licor-ghg samples', () => {
  it('finds the sample archives', () => {
    expect(sampleFiles.length).toBeGreaterThan(0);
  });

  it.each(sampleFiles)('%s parses into plausible gas and wind values', async (name) => {
    const { meta, batches } = await parseSample(name);
    const names = new Set(batches.flatMap((b) => (b.type === 'scalars' ? b.variables.map((v) => v.name) : [])));
    expect(recipeVariables(licorGhg).filter((v) => !names.has(v))).toEqual([]);
    const series = (variable: string) => scalarSeries(batches, variable).map((p) => p.value).filter((v): v is number => v !== null);
    const inRange = (values: number[], min: number, max: number) => values.length > 0 && values.every((v) => v >= min && v <= max);
    expect(inRange(series('CO2 (umol/mol)'), 300, 700)).toBe(true);
    expect(inRange(series('H2O (mmol/mol)'), 0, 50)).toBe(true);
    expect(inRange(series('Aux 3 - W (m/s)'), -15, 15)).toBe(true);
    expect(inRange(series('Aux 4 - SOS (m/s)'), 300, 370)).toBe(true);
    expect(meta.attributes.badChecksumLines).toBe(0);
  });

  it('reads the 2016-12-11 20:00 (local) half hour exactly', async () => {
    const { meta, batches } = await parseSample('2016-12-11T200000_AIU-1359.ghg');
    const co2 = scalarSeries(batches, 'CO2 (umol/mol)');
    expect(co2).toHaveLength(36_000);
    expect(new Date(co2[0]!.timeMs).toISOString()).toBe('2016-12-11T19:00:00.000Z');
    expect(new Date(co2.at(-1)!.timeMs).toISOString()).toBe('2016-12-11T19:29:59.950Z');
    // 20 Hz: every step is 50 ms.
    expect(co2.every((p, i) => i === 0 || p.timeMs - co2[i - 1]!.timeMs === 50)).toBe(true);
    // First DATA line: ... CO2 (umol/mol) 388.976, H2O (mmol/mol) 6.08488, W 0.596513, SOS 339.476, Diagnostic 8191.
    expect(co2[0]!.value).toBe(388.976);
    expect(scalarSeries(batches, 'H2O (mmol/mol)')[0]!.value).toBe(6.08488);
    expect(scalarSeries(batches, 'Aux 3 - W (m/s)')[0]!.value).toBe(0.596513);
    expect(scalarSeries(batches, 'Diagnostic Value')[0]!.value).toBe(8191);
    // Last DATA line: CO2 387.959, Sequence Number 291579702.
    expect(co2.at(-1)!.value).toBe(387.959);
    const lastBatch = batches.at(-1)!;
    expect(lastBatch.type === 'scalars' && lastBatch.rows.at(-1)!.record).toBe(291_579_702);
    expect(meta.attributes).toMatchObject({
      rows: 36_000, badChecksumLines: 0, nanValues: 0, localClockOffsetMinutes: 60,
      'Timing.acquisition_frequency': '20.0', 'Station.logger_id': 'AIU-1359', 'Instruments.instr_2_model': 'li7200_1',
      'Instruments.instr_1_model': 'hs_50_1', 'Site.latitude': '51.0997467', 'data.Timezone': 'Europe/Berlin', 'data.SN': '72H-0616',
    });
  });
});
