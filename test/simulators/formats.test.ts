// Every file the demo simulators write is read back with the real parser of its kind (JPEGs with a JPEG
// decoder), and the values make physical sense: plausible ranges, co-located instruments that agree, a
// ceilometer whose reported cloud base sits where its backscatter peaks, a sky that is dark at night.
import fs from 'node:fs';
import { decode } from 'jpeg-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProfileBatch } from '../../lib/instruments/types';
import { CAMERA_HEIGHT, CAMERA_WIDTH, renderSky } from '../../lib/simulators/files/instruments/sky-camera';
import { sunPosition } from '../../lib/simulators/files/solar';
import { cloudAt } from '../../lib/simulators/files/weather';
import { parseFile, series, type SimulatedDemo, simulatedDemo, SUMMIT } from '../helpers/demo-files';

const MINUTE = 60_000;
let demo: SimulatedDemo;
let startMs: number;

/** The first hour (from a fixed day) whose half hour has broken cloud: some profiles see the deck, some do not. */
function brokenCloudStart(): number {
  for (let t = Date.UTC(2026, 10, 21); ; t += 30 * MINUTE) {
    const cover = [0, 10, 20, 30].map((m) => cloudAt(t + m * MINUTE).cover);
    if (cover.every((c) => c > 0.3 && c < 0.9)) return t;
  }
}

beforeAll(async () => {
  startMs = brokenCloudStart() + 30 * MINUTE + 31_000;
  demo = simulatedDemo(startMs, 30 * MINUTE);
  await demo.simulators.tick();
});
afterAll(() => demo?.cleanup());

describe('files written by the demo simulators', () => {
  it('the met tower day file: every variable with its unit, in physically plausible ranges', async () => {
    const [dayFile] = demo.files('asfs').filter((f) => f.includes('_Met_'));
    const { meta, batches } = await parseFile('campbell-toa5', demo.pathOf('asfs', dayFile!));
    expect(meta.attributes).toMatchObject({ format: 'TOA5', model: 'CR1000X', table: 'Met', rows: 30 });
    const batch = batches[0]!;
    expect(batch.type === 'scalars' && batch.variables.map((v) => `${v.name} ${v.unit} ${v.processing}`)).toContain('WS_ms_S_WVT meters/second WVc');
    const within = (name: string, lo: number, hi: number) =>
      expect(series(batches, 'Met', name).every(({ value }) => value !== null && value >= lo && value <= hi), name).toBe(true);
    within('AirTC_Avg', -60, 0);
    within('RH', 30, 100);
    within('BP_mbar_Avg', 640, 710);
    within('WS_ms_S_WVT', 0, 25);
    within('WindDir_D1_WVT', 0, 360);
    within('SWin_Avg', 0, 1000);
    within('LWin_Avg', 80, 330);
    const times = series(batches, 'Met', 'AirTC_Avg').map((p) => p.timeMs);
    expect(times.every((t, i) => i === 0 || t - times[i - 1]! === MINUTE)).toBe(true);
  });

  it('HATPRO LWP, IWV and MET files: 180 records at 5 s inside their 15 minutes, agreeing with the met tower', async () => {
    const names = demo.files('hatpro');
    expect(names.map((n) => n.slice(-3)).sort()).toEqual(['IWV', 'IWV', 'LWP', 'LWP', 'MET', 'MET']);
    for (const name of names) {
      const { meta, batches } = await parseFile('rpg-hatpro', demo.pathOf('hatpro', name));
      expect(meta.attributes).toMatchObject({ family: name.slice(-3), version: 2, timeReference: 'UTC', records: 180 });
      const hhmm = /_(\d\d)(\d\d)00\./.exec(name)!;
      const periodStart = Math.floor(startMs / 86_400_000) * 86_400_000 + (Number(hhmm[1]) * 60 + Number(hhmm[2])) * MINUTE;
      const rows = batches.flatMap((b) => (b.type === 'scalars' ? b.rows : []));
      expect(rows.map((r) => r.timeMs)).toEqual(Array.from({ length: 180 }, (_, i) => periodStart + i * 5000));
    }
    const met = await parseFile('rpg-hatpro', demo.pathOf('hatpro', names.find((n) => n.endsWith('.MET'))!));
    const tower = await parseFile('campbell-toa5', demo.pathOf('asfs', demo.files('asfs').find((f) => f.includes('_Met_'))!));
    const towerT = new Map(series(tower.batches, 'Met', 'AirTC_Avg').map((p) => [p.timeMs, p.value!]));
    const pairs = series(met.batches, 'hatpro_met', 'air_temperature').filter((p) => towerT.has(p.timeMs));
    expect(pairs.length).toBeGreaterThan(5);
    for (const p of pairs) expect(Math.abs(p.value! - 273.15 - towerT.get(p.timeMs)!)).toBeLessThan(1);
    const lwp = await parseFile('rpg-hatpro', demo.pathOf('hatpro', names.find((n) => n.endsWith('.LWP'))!));
    expect(series(lwp.batches, 'hatpro_lwp', 'LWP').every(({ value }) => value! > -20 && value! < 200)).toBe(true);
  });

  it('CL61 files: 60 profiles of 512 gates, 2023 layout, and the reported cloud base where the backscatter peaks', async () => {
    const names = demo.files('cl61');
    expect(names).toHaveLength(6);
    let cloudy = 0;
    let clear = 0;
    for (const name of names) {
      const { meta, batches } = await parseFile('vaisala-cl61', demo.pathOf('cl61', name));
      expect(meta.attributes).toMatchObject({ sw_version: '1.2.7', profile_interval_in_seconds: 5 });
      const beta = batches.find((b): b is ProfileBatch => b.type === 'profiles' && b.variable.name === 'beta_att')!;
      expect(beta.rows).toHaveLength(60);
      expect(beta.variable.axis?.values).toHaveLength(512);
      const gates = beta.variable.axis!.values;
      const bases = new Map(series(batches, 'cl61_scalars', 'cloud_base_heights_1').map((p) => [p.timeMs, p.value]));
      for (const row of beta.rows) {
        const base = bases.get(row.timeMs);
        if (base === null || base === undefined) {
          clear += 1;
          expect(Math.max(...row.values)).toBeLessThan(5e-6);
          continue;
        }
        cloudy += 1;
        const peak = gates[row.values.indexOf(Math.max(...row.values))]!;
        expect(Math.abs(peak - base)).toBeLessThan(50);
      }
      expect(series(batches, 'cl61_monitoring', 'internal_temperature')).toHaveLength(60);
    }
    expect(cloudy).toBeGreaterThan(10);
    expect(clear).toBeGreaterThan(10);
  });

  it('sky camera JPEGs decode to 640x480 and carry their capture time; night is darker than day', () => {
    const names = demo.files('cam1');
    expect(names).toHaveLength(3);
    for (const name of names) {
      const image = decode(fs.readFileSync(demo.pathOf('cam1', name)), { useTArray: true });
      expect([image.width, image.height]).toEqual([CAMERA_WIDTH, CAMERA_HEIGHT]);
      const [, date, hhmm] = /cam1_(\d{8})_(\d{4})\.jpg$/.exec(name)!;
      expect(image.comments?.[0]).toContain(`${date!.slice(0, 4)}-${date!.slice(4, 6)}-${date!.slice(6)}T${hhmm!.slice(0, 2)}:${hhmm!.slice(2)}`);
    }
    const brightness = (timeMs: number) => renderSky(timeMs, { site: SUMMIT }).data.reduce((sum, v, i) => (i % 4 === 3 ? sum : sum + v), 0);
    expect(brightness(Date.UTC(2026, 5, 21, 14, 30))).toBeGreaterThan(3 * brightness(Date.UTC(2026, 11, 21, 2, 30)));
  });

  it('the sun follows the seasons at Summit: about 41° at midsummer noon, below the horizon all midwinter day', () => {
    const noon = (month: number, day: number) => Math.max(...Array.from({ length: 48 }, (_, i) => sunPosition(Date.UTC(2026, month, day, 0, i * 30), SUMMIT).elevation));
    expect(noon(5, 21)).toBeCloseTo(40.9, 0);
    expect(noon(11, 21)).toBeLessThan(-5);
    expect(sunPosition(Date.UTC(2026, 5, 21, 14, 34), SUMMIT).azimuth).toBeCloseTo(180, -1);
  });
});
