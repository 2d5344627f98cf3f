// A file that changes while being read: the parse covers the bytes present when the parser opened the file;
// appended bytes wait for the next parse (with afterTimeMs), and a shrunk or replaced file fails.

import { afterAll, beforeAll, describe, it, expect } from 'vitest';
import { appendFile, rename, truncate, writeFile } from 'node:fs/promises';
import { parseToa5, parseTob1 } from '@/lib/instruments/campbell-toa5';
import type { ParsedFile, ParseOptions, ScalarRow } from '@/lib/instruments/types';
import { type CampbellRow, type CampbellTable, makeFixtureDir, toa5Line, toa5Text, tob1Bytes, tob1Header } from '@/test/helpers/fixtures/campbell';

let fixtures: Awaited<ReturnType<typeof makeFixtureDir>>;
beforeAll(async () => { fixtures = await makeFixtureDir(); });
afterAll(async () => { await fixtures.cleanup(); });

async function rowsOf(parsed: ParsedFile): Promise<ScalarRow[]> {
  const rows: ScalarRow[] = [];
  for await (const batch of parsed.batches) if (batch.type === 'scalars') rows.push(...batch.rows);
  return rows;
}

const table: CampbellTable = { variables: [{ name: 'x', type: 'FP2' }] };
const t0 = Date.UTC(2024, 5, 1);
const rowAt = (i: number): CampbellRow => ({ time: t0 + i * 60_000, record: i, values: [i] });
const rows = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => rowAt(from + k));
const options = (fileName: string, extra: Partial<ParseOptions> = {}): ParseOptions => ({ fileName, ...extra });

describe('a file that changes while it is read', () => {
  it('TOA5: appended rows are not read by a parse opened before, and come with the next parse', async () => {
    const file = fixtures.file('grow.dat');
    await writeFile(file, toa5Text(table, rows(0, 3)));
    const parsed = await parseToa5(file, options('grow.dat'));
    await appendFile(file, rows(3, 5).map((row, i) => toa5Line(table, row, 3 + i)).join(''));
    expect((await rowsOf(parsed)).map((r) => r.record)).toEqual([0, 1, 2]);
    const tail = await rowsOf(await parseToa5(file, options('grow.dat', { afterTimeMs: t0 + 2 * 60_000 })));
    expect(tail.map((r) => r.record)).toEqual([3, 4]);
  });

  it('TOA5: a record caught half-written is left out, then appended whole by the next parse', async () => {
    const file = fixtures.file('torn.dat');
    const full = toa5Text(table, rows(0, 3));
    const cut = full.length - 3;
    await writeFile(file, full.slice(0, cut));
    const first = await parseToa5(file, options('torn.dat'));
    expect((await rowsOf(first)).map((r) => r.values[0])).toEqual([0, 1]);
    expect(first.meta.attributes.unterminatedLastLine).toBe(7);
    await appendFile(file, full.slice(cut));
    const tail = await rowsOf(await parseToa5(file, options('torn.dat', { afterTimeMs: t0 + 60_000 })));
    expect(tail).toEqual([{ timeMs: t0 + 2 * 60_000, record: 2, values: [2] }]);
  });

  it('TOB1: appended records are not read by a parse opened before', async () => {
    const file = fixtures.file('grow-b.dat');
    await writeFile(file, tob1Bytes(table, rows(0, 3)));
    const parsed = await parseTob1(file, options('grow-b.dat'));
    await appendFile(file, tob1Bytes(table, rows(3, 6)).subarray(tob1Header(table).length));
    expect((await rowsOf(parsed)).map((r) => r.record)).toEqual([0, 1, 2]);
  });

  it('fails when the file shrinks or is replaced between opening and reading', async () => {
    for (const [parser, content] of [[parseToa5, toa5Text(table, rows(0, 3))], [parseTob1, tob1Bytes(table, rows(0, 3))]] as const) {
      const file = fixtures.file('shrink.dat');
      await writeFile(file, content);
      const shrunk = await parser(file, options('shrink.dat'));
      await truncate(file, content.length - 20);
      await expect(rowsOf(shrunk)).rejects.toThrow(/shrank from \d+ to \d+ bytes/);

      await writeFile(file, content);
      const replaced = await parser(file, options('shrink.dat'));
      const other = fixtures.file('other.dat');
      await writeFile(other, content);
      await rename(other, file);
      await expect(rowsOf(replaced)).rejects.toThrow(/replaced while being read/);
    }
  });
});
