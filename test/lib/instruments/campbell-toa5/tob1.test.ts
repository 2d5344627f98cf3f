import { afterAll, beforeAll, describe, it, expect } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { parseToa5, parseTob1 } from '@/lib/instruments/campbell-toa5';
import type { FileParser, ParseOptions, ScalarBatch } from '@/lib/instruments/types';
import {
  type CampbellRow, type CampbellTable, makeFixtureDir, tob1Bytes, tob1Header, toa5Text, writeTob1File,
} from '@/test/helpers/fixtures/campbell';

let fixtures: Awaited<ReturnType<typeof makeFixtureDir>>;
beforeAll(async () => { fixtures = await makeFixtureDir(); });
afterAll(async () => { await fixtures.cleanup(); });

async function parseBytes(name: string, content: Buffer | string, options: Partial<ParseOptions> = {}, parser: FileParser = parseTob1) {
  const file = fixtures.file(name);
  await writeFile(file, content);
  const { meta, batches } = await parser(file, { fileName: name, ...options });
  const list: ScalarBatch[] = [];
  for await (const batch of batches) if (batch.type === 'scalars') list.push(batch);
  return { meta, batches: list, rows: list.flatMap((b) => b.rows) };
}

const t0 = Date.UTC(2024, 0, 15, 12, 0, 0);

describe('TOB1 parser', () => {
  it('decodes every data type in its Campbell byte order', async () => {
    const table: CampbellTable = {
      table: 'AllTypes',
      variables: [
        { name: 'f4', type: 'IEEE4', unit: 'degC' }, { name: 'f4b', type: 'IEEE4B' }, { name: 'f8', type: 'IEEE8' },
        { name: 'f8b', type: 'IEEE8B' }, { name: 'fp2', type: 'FP2', processing: 'Avg' }, { name: 'ul', type: 'ULONG' },
        { name: 'l', type: 'LONG' }, { name: 'u4', type: 'UINT4' }, { name: 'i4', type: 'INT4' }, { name: 'u2', type: 'UINT2' },
        { name: 'i2', type: 'INT2' }, { name: 'us', type: 'USHORT' }, { name: 's', type: 'SHORT' }, { name: 'b', type: 'BYTE' },
        { name: 'i1', type: 'INT1' }, { name: 'flag', type: 'BOOL' }, { name: 'flag2', type: 'BOOL2' }, { name: 'flag4', type: 'BOOL4' },
        { name: 'bits', type: 'BOOL8' },
      ],
    };
    const values = [12.93456, -0.1, Math.PI, -1e300, -12.94, 4_000_000_000, -2_000_000_000, 3_000_000_000, -123_456,
      65_000, -32_000, 65_001, -32_001, 250, -100, true, false, true, 0b1010_0101];
    const { meta, batches, rows } = await parseBytes('types.dat', tob1Bytes(table, [{ time: t0, record: 7, values }]));
    expect(meta.format).toBe('TOB1');
    expect(meta.attributes).toMatchObject({ format: 'TOB1', table: 'AllTypes', recordBytes: 12 + 4 + 4 + 8 + 8 + 2 + 4 * 4 + 2 * 4 + 1 + 1 + 1 + 2 + 4 + 1 });
    expect(batches[0]!.variables[0]).toEqual({ name: 'f4', unit: 'degC', processing: 'Smp', shape: 'scalar', attributes: { dataType: 'IEEE4' } });
    expect(batches[0]!.variables[4]).toMatchObject({ name: 'fp2', processing: 'Avg', attributes: { dataType: 'FP2' } });
    expect(rows).toEqual([{ timeMs: t0, record: 7, values: values.map((v) => (v === true ? -1 : v === false ? 0 : v)) }]);
  });

  it('keeps ASCII and timestamp fields out of the variables and lists them', async () => {
    const table: CampbellTable = {
      variables: [{ name: 'msg', type: 'ASCII(12)' }, { name: 'x', type: 'FP2' }, { name: 'when', type: 'SecNano' }, { name: 'note', type: 'ASCII(4)' }],
    };
    const rows: CampbellRow[] = [{ time: t0, values: ['a;b,"c"', 1.5, t0, 'full'] }];
    const { meta, batches, rows: got } = await parseBytes('strings.dat', tob1Bytes(table, rows));
    expect(meta.attributes.stringColumns).toBe('msg,when,note');
    expect(batches[0]!.variables.map((v) => v.name)).toEqual(['x']);
    expect(got[0]!.values).toEqual([1.5]);
  });

  it('reads NaN and infinities (FP2 codes, IEEE4) as null and counts them', async () => {
    const table: CampbellTable = { variables: [{ name: 'a', type: 'FP2' }, { name: 'b', type: 'IEEE4' }] };
    const rows: CampbellRow[] = [
      { time: t0, values: [null, null] },
      { time: t0 + 1000, values: [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY] },
      { time: t0 + 2000, values: [-9000, 1] },
    ];
    const { meta, rows: got } = await parseBytes('nan.dat', tob1Bytes(table, rows));
    expect(got.map((r) => r.values)).toEqual([[null, null], [null, null], [null, 1]]);
    expect(meta.attributes).toMatchObject({ nanValues: 2, infValues: 3 });
  });

  it('uses NANOSECONDS, the logger time zone, afterTimeMs, batchSize, and works without RECORD', async () => {
    const table: CampbellTable = { withRecord: false, variables: [{ name: 'x', type: 'IEEE4' }] };
    const rows = Array.from({ length: 7 }, (_, i): CampbellRow => ({ time: t0 + i * 100.5, values: [i] }));
    const { meta, batches, rows: got } = await parseBytes('fast.dat', tob1Bytes(table, rows), {
      timezone: 'America/Denver', afterTimeMs: t0 + 7 * 3_600_000 + 150, batchSize: 2,
    });
    expect(got.map((r) => r.timeMs)).toEqual([201, 301.5, 402, 502.5, 603].map((ms) => t0 + 7 * 3_600_000 + ms));
    expect(got[0]).toEqual({ timeMs: t0 + 7 * 3_600_000 + 201, values: [2] });
    expect(batches.map((b) => b.rows.length)).toEqual([2, 2, 1]);
    expect(meta.attributes).toMatchObject({ skippedRows: 2, rows: 5, timezone: 'America/Denver' });
  });

  it('reads a header-only file as zero rows', async () => {
    const { meta, rows } = await parseBytes('header-only.dat', tob1Header({ variables: [{ name: 'x' }] }));
    expect(rows).toEqual([]);
    expect(meta.attributes.rows).toBe(0);
  });

  it('streams a large file written in blocks, across read boundaries, with table resets', async () => {
    const table: CampbellTable = { variables: [{ name: 'a', type: 'FP2' }, { name: 'b', type: 'IEEE8' }, { name: 'c', type: 'ULONG' }] };
    function* rows(): Generator<CampbellRow> {
      for (let i = 0; i < 70_001; i++) yield { time: t0 + i * 100, record: i % 30_000, values: [(i % 1000) / 100, i * 0.25, i] };
    }
    const file = fixtures.file('big.dat');
    await writeTob1File(file, table, rows());
    const { meta, batches } = await parseTob1(file, { fileName: 'big.dat' });
    let count = 0;
    for await (const batch of batches) {
      if (batch.type !== 'scalars') continue;
      for (const row of batch.rows) {
        const i = count++;
        if (row.values[2] !== i || row.values[1] !== i * 0.25 || row.timeMs !== t0 + i * 100) throw new Error(`row ${i} differs`);
      }
    }
    expect(count).toBe(70_001);
    expect(meta.attributes).toMatchObject({ rows: 70_001, recordResets: 2 });
  });

  it('gives the same rows as the TOA5 twin of the same table', async () => {
    const table: CampbellTable = { table: 'Twin', variables: [{ name: 'T', type: 'FP2', unit: '°C' }, { name: 'V', type: 'IEEE4' }] };
    const rows = Array.from({ length: 50 }, (_, i): CampbellRow => ({ time: t0 + i * 60_000, values: [i / 8 - 3, 12.5 + i / 1000] }));
    const tob1 = await parseBytes('twin-b.dat', tob1Bytes(table, rows));
    const toa5 = await parseBytes('twin-a.dat', toa5Text(table, rows), {}, parseToa5);
    expect(tob1.rows).toEqual(toa5.rows);
    expect(tob1.batches[0]!.variables.map(({ name, unit }) => ({ name, unit }))).toEqual(toa5.batches[0]!.variables.map(({ name, unit }) => ({ name, unit })));
  });
});
