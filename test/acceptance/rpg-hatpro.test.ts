// Real HATPRO files from ../shared/samples/rpg-hatpro (verbatim from cloudnetpy's test data). Spot values were
// read independently with numpy following mwrpy's `rpg_bin.py` layouts. Skipped, with a printed reason, where
// the shared samples folder is absent.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { rpgHatpro } from '../../lib/instruments/rpg-hatpro';
import type { ParsedBatch } from '../../lib/instruments/types';
import { collect, profileRows, scalarSeries } from '../helpers/fixtures/hatpro';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const samplesDir = path.resolve(repoRoot, '..', 'shared', 'samples', 'rpg-hatpro');
const exists = fs.existsSync(samplesDir);
if (!exists) console.warn(`rpg-hatpro acceptance tests skipped: no sample folder at ${samplesDir}`);

function listFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? listFiles(full) : [path.relative(samplesDir, full)];
  });
}

async function parseSample(relative: string) {
  const file = path.join(samplesDir, relative);
  const head = Buffer.alloc(64);
  const handle = fs.openSync(file, 'r');
  fs.readSync(handle, head, 0, 64, 0);
  fs.closeSync(handle);
  const parser = rpgHatpro.parserFor(path.basename(file), head);
  if (!parser) throw new Error(`rpg-hatpro does not claim ${relative}`);
  const parsed = await parser(file, { fileName: relative });
  return { meta: parsed.meta, batches: await collect(parsed.batches) };
}

const iso = (timeMs: number | undefined) => (timeMs === undefined ? undefined : new Date(timeMs).toISOString());
const f32 = Math.fround;
const column = (batches: ParsedBatch[], name: string) => scalarSeries(batches, name).map((point) => point.value);

interface Spot {
  family: string;
  version: number;
  records: number;
  first: string;
  last: string;
  /** A variable present once per record, to count rows and read the time range. */
  timeVariable: string;
  check(batches: ParsedBatch[]): void;
}

/** LWP/IWV: the first value, last value, first pointing and the quality-level histogram. */
function scalarProduct(family: 'LWP' | 'IWV', records: number, first: string, last: string, values: [number, number], pointing: [number, number], qualityLevels: number[]): Spot {
  return {
    family, version: 2, records, first, last, timeVariable: family,
    check(batches) {
      const series = column(batches, family);
      expect([series[0], series.at(-1)]).toEqual(values.map(f32));
      expect([column(batches, 'elevation_angle')[0], column(batches, 'azimuth_angle')[0]]).toEqual(pointing);
      const levels = column(batches, 'quality_level');
      expect([0, 1, 2, 3].map((level) => levels.filter((value) => value === level).length)).toEqual(qualityLevels);
    },
  };
}

const SPOTS: Record<string, Spot> = {
  'hatpro-iwv/21021700.IWV': scalarProduct('IWV', 1487, '2021-02-17T00:00:57.000Z', '2021-02-17T01:00:00.000Z', [1.6803054, 1.7541332], [90, 0.02], [0, 0, 1487, 0]),
  'hatpro-iwv/21021703.IWV': scalarProduct('IWV', 1480, '2021-02-17T03:01:05.000Z', '2021-02-17T04:00:01.000Z', [1.8831911, 2.0309372], [90, 0.02], [0, 0, 1480, 0]),
  'hatpro-lwp-iwv/21060300.IWV': scalarProduct('IWV', 2036, '2021-06-03T00:00:54.000Z', '2021-06-03T01:00:00.000Z', [20.155823, 19.86634], [90, 0], [0, 2035, 0, 1]),
  'hatpro-lwp-iwv/21060300.LWP': scalarProduct('LWP', 2036, '2021-06-03T00:00:54.000Z', '2021-06-03T01:00:00.000Z', [0.94213486, -1.3562603], [90, 0], [0, 2035, 0, 1]),
  'hatpro-lwp-iwv/21060301.IWV': scalarProduct('IWV', 1998, '2021-06-03T01:00:38.000Z', '2021-06-03T02:00:00.000Z', [19.858803, 19.6314], [90, 0], [0, 1998, 0, 0]),
  'hatpro-lwp-iwv/21060301.LWP': scalarProduct('LWP', 1999, '2021-06-03T01:00:38.000Z', '2021-06-03T02:00:00.000Z', [-1.4583416, -0.9912796], [90, 0], [0, 1999, 0, 0]),
  'hatpro-lwp/21012300.LWP': scalarProduct('LWP', 1477, '2021-01-23T00:00:59.000Z', '2021-01-23T01:00:00.000Z', [75.03265, 112.77261], [90, 0], [0, 1461, 16, 0]),
  'hatpro-lwp/21012323.LWP': scalarProduct('LWP', 1482, '2021-01-23T23:00:57.000Z', '2021-01-23T23:59:59.000Z', [109.765564, 81.310646], [90, 0], [0, 1482, 0, 0]),
  'hatpro-lwp/ZENITH_200723.LWP': {
    ...scalarProduct('LWP', 56915, '2020-07-23T00:13:03.000Z', '2020-07-24T00:08:32.000Z', [24.153, 4.0716553], [90, 360.02], [70, 54272, 545, 2028]),
  },
  'hatpro-mwrpy/230401.BLB': {
    family: 'BLB', version: 2, records: 144, first: '2023-04-01T00:00:51.000Z', last: '2023-04-01T23:50:50.000Z', timeVariable: 'surface_temperature',
    check(batches) {
      const scans = profileRows(batches, 'brightness_temperature_22.24GHz');
      expect(batches.find((b) => b.type === 'profiles' && b.variable.name.endsWith('58GHz'))).toBeDefined();
      const first = batches.find((b) => b.type === 'profiles');
      expect(first?.type === 'profiles' && first.variable.axis?.values).toEqual([90, 30, 19.2, 14.4, 11.4, 8.4, 6.6, 5.4, 4.8, 4.2]);
      expect(scans).toHaveLength(144);
      expect(scans[0]?.values[0]).toBe(f32(15.328245));
      expect(scans[0]?.values[9]).toBe(f32(201.54129));
      expect(profileRows(batches, 'brightness_temperature_51.26GHz')[0]?.values[0]).toBe(f32(99.80814361572266));
      expect(column(batches, 'surface_temperature')[0]).toBe(f32(259.16));
      expect(column(batches, 'surface_temperature').at(-1)).toBe(f32(262.66));
      expect(new Set(column(batches, 'scan_quadrant'))).toEqual(new Set([0]));
    },
  },
  'hatpro-mwrpy/230401.HKD': {
    family: 'HKD', version: 1, records: 78921, first: '2023-04-01T00:00:00.000Z', last: '2023-04-01T23:59:56.000Z', timeVariable: 'alarm',
    check(batches) {
      const first = batches[0]?.type === 'scalars' ? batches[0].rows[0]?.values : undefined;
      expect(first).toEqual([0, 24.287313, 61.843727, 276.4614, 276.41348, 323.49472, 324.28595, 0.0007253011, 0.00090026855].map(f32).concat([15211, 0, 96632703]));
      expect(column(batches, 'receiver_2_temperature').at(-1)).toBe(f32(324.2987));
      expect(column(batches, 'status_flags').at(-1)).toBe(97681279);
    },
  },
  'hatpro-mwrpy/230401.IRT': {
    family: 'IRT', version: 3, records: 73321, first: '2023-04-01T00:00:00.000Z', last: '2023-04-01T23:59:45.000Z', timeVariable: 'rain_flag',
    check(batches) {
      expect([column(batches, 'ir_temperature')[0], column(batches, 'ir_temperature').at(-1)]).toEqual([f32(-82.418106), f32(-83.740395)]);
      expect([column(batches, 'elevation_angle')[0], column(batches, 'azimuth_angle')[0]]).toEqual([89.95, 0.02]);
    },
  },
  'hatpro-mwrpy/230401.MET': {
    family: 'MET', version: 2, records: 78921, first: '2023-04-01T00:00:00.000Z', last: '2023-04-01T23:59:56.000Z', timeVariable: 'air_pressure',
    check(batches) {
      const first = batches[0]?.type === 'scalars' ? batches[0].rows[0]?.values : undefined;
      expect(first).toEqual([991.1, 259.26, 73.6, 2.3, 165.02628, 0].map(f32).concat([0]));
      expect(column(batches, 'air_pressure').at(-1)).toBe(f32(1002.6));
      expect(column(batches, 'air_temperature').at(-1)).toBe(f32(262.96));
    },
  },
};

describe.skipIf(!exists)('rpg-hatpro real samples', () => {
  const files = exists ? listFiles(samplesDir).sort() : [];

  it('finds the sample files, each with spot values below', () => {
    expect(files.length).toBeGreaterThan(0);
    expect(files.filter((file) => !(file.split(path.sep).join('/') in SPOTS))).toEqual([]);
  });

  it.each(files)('%s parses with the expected records, times and values', async (relative) => {
    const { meta, batches } = await parseSample(relative);
    const spot = SPOTS[relative.split(path.sep).join('/')];
    if (!spot) throw new Error(`no spot values for ${relative}`);
    expect(meta.attributes).toMatchObject({ family: spot.family, version: spot.version, timeRef: 1, records: spot.records });
    const times = scalarSeries(batches, spot.timeVariable).map((point) => point.timeMs);
    expect(times).toHaveLength(spot.records);
    expect([iso(times[0]), iso(times.at(-1))]).toEqual([spot.first, spot.last]);
    spot.check(batches);
  });

  it('paired LWP and IWV files share their times', async () => {
    for (const hour of ['21060300', '21060301']) {
      const lwp = scalarSeries((await parseSample(`hatpro-lwp-iwv/${hour}.LWP`)).batches, 'LWP').map((p) => p.timeMs);
      const iwv = scalarSeries((await parseSample(`hatpro-lwp-iwv/${hour}.IWV`)).batches, 'IWV').map((p) => p.timeMs);
      const lwpTimes = new Set(lwp);
      expect(iwv.every((time) => lwpTimes.has(time))).toBe(true);
      expect([iwv[0], iwv.at(-1)]).toEqual([lwp[0], lwp.at(-1)]);
      // 21060301: the LWP file has one record (01:59:59) the IWV file lacks.
      expect(lwp.length - iwv.length).toBe(hour === '21060300' ? 0 : 1);
    }
  });
});
