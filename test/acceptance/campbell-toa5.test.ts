// Acceptance: every real Campbell file in ../shared/samples (written by loggers, not by us) parses, with
// spot values checked against the files. Skipped, with the reason printed, where the samples are absent.

import { describe, it, expect } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { campbellToa5 } from '@/lib/instruments/campbell-toa5';
import type { ParsedFile, ScalarBatch, ScalarRow, VariableMeta } from '@/lib/instruments/types';

/** The repository root: the nearest folder above this file holding package.json. */
function repoRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('no package.json above the acceptance tests');
    dir = parent;
  }
  return dir;
}

const samples = path.resolve(repoRoot(), '..', 'shared', 'samples');
const toa5Dir = path.join(samples, 'campbell-toa5');
const tob1Dir = path.join(samples, 'campbell-tob1');
const exists = existsSync(toa5Dir) && existsSync(tob1Dir);
if (!exists) console.warn(`campbell-toa5 acceptance suite skipped: sample folders not found at ${toa5Dir} and ${tob1Dir}`);

interface Parsed {
  meta: ParsedFile['meta'];
  variables: VariableMeta[];
  stream: string;
  rows: ScalarRow[];
}

async function parseSample(dir: string, name: string): Promise<Parsed> {
  const file = path.join(dir, name);
  const parser = campbellToa5.parserFor(name, readFileSync(file).subarray(0, 64));
  if (!parser) throw new Error(`${name}: no parser picked`);
  const { meta, batches } = await parser(file, { fileName: name });
  const list: ScalarBatch[] = [];
  for await (const batch of batches) if (batch.type === 'scalars') list.push(batch);
  return { meta, variables: list[0]?.variables ?? [], stream: list[0]?.stream ?? '', rows: list.flatMap((b) => b.rows) };
}

const at = (text: string) => Date.parse(`${text.replace(' ', 'T')}Z`);
const valueOf = (parsed: Parsed, row: ScalarRow | undefined, name: string) => row?.values[parsed.variables.findIndex((v) => v.name === name)];

describe.skipIf(!exists)('campbell-toa5 on the real samples', () => {
  it('parses every sample file in both folders', async () => {
    const files = [...readdirSync(toa5Dir).map((f) => [toa5Dir, f]), ...readdirSync(tob1Dir).map((f) => [tob1Dir, f])];
    expect(files.length).toBeGreaterThanOrEqual(7);
    for (const [dir, name] of files) {
      const parsed = await parseSample(dir!, name!);
      expect(parsed.rows.length, name).toBeGreaterThan(0);
      expect(parsed.meta.attributes.rows, name).toBe(parsed.rows.length);
    }
  });

  it('CR300: header, first and last record, values and units', async () => {
    const p = await parseSample(toa5Dir, 'cloudnetpy_JOYCE_WST_CR300.dat');
    expect(p.meta.attributes).toMatchObject({ format: 'TOA5', station: 'JOYCE_WST', model: 'CR300', serial: '16480', os: 'CR310.Std.10.07',
      program: 'CPU:joyce_20240403.CR300', signature: '19693', table: 'JOYCE_WST_01m' });
    expect(p.stream).toBe('JOYCE_WST_01m');
    expect(p.variables).toHaveLength(12);
    expect(p.variables[0]).toEqual({ name: 'AirTC_Avg', unit: 'Deg C', processing: 'Avg', shape: 'scalar' });
    expect(p.rows).toHaveLength(9);
    expect(p.rows[0]).toMatchObject({ timeMs: at('2025-01-27 00:01:00'), record: 429741 });
    expect(p.rows.at(-1)).toMatchObject({ timeMs: at('2025-01-27 00:09:00'), record: 429749 });
    expect(valueOf(p, p.rows[0], 'AirTC_Avg')).toBe(9.77);
    expect(valueOf(p, p.rows.at(-1), 'BV_BP_SL_Avg')).toBe(995.1306);
  });

  it('CR1000X (WS500 and Granada): spot values and empty units', async () => {
    const ws500 = await parseSample(toa5Dir, 'cloudnetpy_WS500_CR1000X.dat');
    expect(ws500.variables).toHaveLength(21);
    expect(ws500.variables.at(-1)).toEqual({ name: 'ResultCodeWS500', unit: null, processing: 'Smp', shape: 'scalar' });
    expect(ws500.rows.map((r) => r.record)).toEqual([347, 348, 349]);
    expect(ws500.rows.at(-1)!.timeMs).toBe(at('2026-05-01 00:20:00'));
    expect(valueOf(ws500, ws500.rows.at(-1), 'WS500_relative_humidity')).toBe(89.1);

    const granada = await parseSample(toa5Dir, 'cloudnetpy_ws_granada_CR1000X.dat');
    expect(granada.rows).toHaveLength(10);
    expect(granada.rows[0]).toMatchObject({ timeMs: at('2024-04-19 00:00:00'), record: 2439, values: [16.85, 63.06, 939.9695, 0.683, 198.6, 24.07, 0] });
    expect(granada.rows.at(-1)).toMatchObject({ timeMs: at('2024-04-19 00:09:00'), record: 2448 });
    expect(granada.variables.at(-1)).toEqual({ name: 'rain_Tot', unit: 'mm', processing: 'Tot', shape: 'scalar' });
  });

  it('CR1000 Parsivel: 1107 fields (1105 variables), LF line ends', async () => {
    const p = await parseSample(toa5Dir, 'cloudnetpy_parsivel_granada_CR1000.dat');
    expect(p.variables).toHaveLength(1107 - 2);
    expect(p.variables.at(-1)!.name).toBe('spectrum(1024)');
    expect(p.variables[0]).toMatchObject({ name: 'rainIntensity', unit: 'mm h^-1' });
    expect(p.rows.map((r) => r.record)).toEqual([541879, 541880, 541881]);
    expect(p.rows[0]!.timeMs).toBe(at('2021-02-08 20:08:00'));
    expect(p.rows.every((r) => r.values.length === 1105)).toBe(true);
    expect(p.rows.map((r) => valueOf(p, r, 'numberParticles'))).toEqual([0, 129, 971]);
    expect(p.rows.map((r) => valueOf(p, r, 'N(4)'))).toEqual([-9.999, 2.048, 2.562]);
    expect(valueOf(p, p.rows.at(-1), 'rainIntensity')).toBe(4.58);
  });

  it('CR6 Thies: the quoted string field holding ";" is a string column, not data', async () => {
    expect(readFileSync(path.join(toa5Dir, 'cloudnetpy_thies_CR6.dat'), 'utf8')).toContain('"00;2965;2.62;18.02.19;13:41:00;');
    const p = await parseSample(toa5Dir, 'cloudnetpy_thies_CR6.dat');
    expect(p.meta.attributes).toMatchObject({ stringColumns: 'RawString', table: 'FTP_thies', model: 'CR6' });
    expect(p.variables).toEqual([]);
    expect(p.rows).toEqual([
      { timeMs: at('2024-04-14 00:01:00'), record: 552609, values: [] },
      { timeMs: at('2024-04-14 00:02:00'), record: 552610, values: [] },
      { timeMs: at('2024-04-14 00:03:00'), record: 552611, values: [] },
    ]);
  });

  it('Toxx TOA5: 1422 records with RECORD 0 repeated at the start, UTF-8 units', async () => {
    const p = await parseSample(toa5Dir, 'toxx_DemoOutputToa5.dat');
    expect(p.rows).toHaveLength(1422);
    expect(p.rows.slice(0, 4).map((r) => r.record)).toEqual([0, 0, 0, 1]);
    expect(p.rows[0]).toEqual({ timeMs: at('2020-03-08 19:35:00'), record: 0, values: [26.86, 12.94, 12.94] });
    expect(p.rows.at(-1)).toEqual({ timeMs: at('2020-03-13 18:00:00'), record: 1419, values: [27.09, 12.93, 12.93] });
    expect(p.variables.map((v) => [v.name, v.unit, v.processing])).toEqual([
      ['panel_temp', '°C', 'Smp'], ['battery_voltage', 'volts', 'Smp'], ['battery_voltage_Min', 'volts', 'Min'],
    ]);
    expect(p.meta.attributes).toMatchObject({ recordRepeats: 2, recordResets: 0 });
  });

  it('Toxx TOB1 equals its TOA5 twin value for value', async () => {
    const tob1 = await parseSample(tob1Dir, 'toxx_DemoOutputTob1.dat');
    const toa5 = await parseSample(toa5Dir, 'toxx_DemoOutputToa5.dat');
    expect(tob1.meta.attributes).toMatchObject({ format: 'TOB1', table: '__TABLE_NAME_TOB1__', recordBytes: 18 });
    // The sample ends with one stray "\n" after its last 18-byte record.
    expect(tob1.meta.attributes.trailingBytesIgnored).toBe(1);
    expect(tob1.variables.map((v) => [v.name, v.unit, v.processing, v.attributes?.dataType])).toEqual([
      ['panel_temp', '°C', 'Smp', 'FP2'], ['battery_voltage', 'volts', 'Smp', 'FP2'], ['battery_voltage_Min', 'volts', 'Min', 'FP2'],
    ]);
    expect(tob1.rows).toHaveLength(toa5.rows.length);
    expect(tob1.rows).toEqual(toa5.rows);
  });
});
