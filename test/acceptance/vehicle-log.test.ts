// Acceptance: every real vehicle log in ../shared/samples/mobile-mesonet (written by the AMMETS Rabbit 1
// logger, not by us) parses, with values checked against the file. Expected counts were read independently
// with awk: 431 records, of which 4 have a placeholder in hh/mm/ss, and 14 placeholders in value columns.
// Skipped, with the reason printed, where the samples are absent.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { vehicleLog } from '../../lib/instruments/vehicle-log';
import { collect, scalarSeries } from '../helpers/fixtures/hatpro';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const samplesDir = path.resolve(repoRoot, '..', 'shared', 'samples', 'mobile-mesonet');
const exists = fs.existsSync(samplesDir);
if (!exists) console.warn(`vehicle-log acceptance tests skipped: no sample folder at ${samplesDir}`);
const sampleFiles = exists ? fs.readdirSync(samplesDir).filter((name) => name.endsWith('.log')) : [];

async function parseSample(name: string) {
  const file = path.join(samplesDir, name);
  const parser = vehicleLog.parserFor(name, fs.readFileSync(file).subarray(0, 64));
  if (!parser) throw new Error(`vehicle-log does not claim ${name}`);
  const parsed = await parser(file, { fileName: name });
  return { meta: parsed.meta, batches: await collect(parsed.batches) };
}


/** Every variable a quicklook panel or the overview names must be one the parser yields. */
function recipeVariables(kind: typeof vehicleLog): string[] {
  const panels = kind.quicklook?.plots.flatMap((plot) => plot.panels) ?? [];
  return [...panels.flatMap((panel) => (panel.type === 'timeseries' ? panel.variables : [panel.variable])), ...(kind.keyVariables ?? [])];
}

describe.skipIf(!exists)('vehicle-log samples', () => {
  it('finds the sample logs', () => {
    expect(sampleFiles.length).toBeGreaterThan(0);
  });

  it.each(sampleFiles)('%s parses into plausible values', async (name) => {
    const { batches } = await parseSample(name);
    const names = new Set(batches.flatMap((b) => (b.type === 'scalars' ? b.variables.map((v) => v.name) : [])));
    expect(recipeVariables(vehicleLog).filter((v) => !names.has(v))).toEqual([]);
    const series = (variable: string) => scalarSeries(batches, variable).map((p) => p.value).filter((v): v is number => v !== null);
    const inRange = (values: number[], min: number, max: number) => values.every((v) => v >= min && v <= max);
    expect(inRange(series('temperature'), -40, 50)).toBe(true);
    expect(inRange(series('relative_humidity'), 0, 100)).toBe(true);
    expect(inRange(series('pressure'), 50_000, 110_000)).toBe(true);
    const times = scalarSeries(batches, 'pressure').map((p) => p.timeMs);
    expect(times.every((t, i) => i === 0 || t > times[i - 1]!)).toBe(true);
  });

  it('reads the Arnett, OK drive of 2023-08-13 exactly', async () => {
    const { meta, batches } = await parseSample('rabbit1_2023-08-13_231851-233311.log');
    const temperature = scalarSeries(batches, 'temperature');
    expect(temperature).toHaveLength(427);
    expect(new Date(temperature[0]!.timeMs).toISOString()).toBe('2023-08-13T23:18:51.000Z');
    expect(new Date(temperature.at(-1)!.timeMs).toISOString()).toBe('2023-08-13T23:33:11.000Z');
    expect(meta.attributes).toMatchObject({ rows: 427, untimedRows: 4, dropoutValues: 14, noSignalLines: 0, noGpsFix: 0, dateFrom: 'comment', midnightRollovers: 0 });
    // First record: [914.6,23,18,51,3602.5671,9945.3760,29.09,60.60,93151.56]
    const first = batches[0]!.type === 'scalars' ? batches[0]!.rows[0]!.values : [];
    expect(first[0]).toBe(914.6);
    expect(first[1]).toBeCloseTo(36 + 2.5671 / 60, 7);
    expect(first[2]).toBeCloseTo(-(99 + 45.376 / 60), 7);
    expect(first.slice(3)).toEqual([29.09, 60.6, 93151.56]);
    // Line 295 is [914.6,23,28,31,3602.5569,9945.3691,t,89.42,93270.62]: temperature missing, the rest kept.
    const at = Date.UTC(2023, 7, 13, 23, 28, 31);
    expect(temperature.find((p) => p.timeMs === at)?.value).toBeNull();
    expect(scalarSeries(batches, 'relative_humidity').find((p) => p.timeMs === at)?.value).toBe(89.42);
    // Saturation late in the drive: RH reaches 100 %.
    expect(Math.max(...scalarSeries(batches, 'relative_humidity').map((p) => p.value ?? 0))).toBe(100);
  });
});
