import { afterAll, beforeAll, describe, it, expect } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { parseToa5 } from '@/lib/instruments/campbell-toa5';
import type { ParseOptions, ScalarBatch } from '@/lib/instruments/types';
import { type CampbellRow, type CampbellTable, makeFixtureDir, toa5HeaderText, toa5Text, writeToa5File } from '@/test/helpers/fixtures/campbell';

let fixtures: Awaited<ReturnType<typeof makeFixtureDir>>;
beforeAll(async () => { fixtures = await makeFixtureDir(); });
afterAll(async () => { await fixtures.cleanup(); });

async function parseText(name: string, text: string, options: Partial<ParseOptions> = {}) {
  const file = fixtures.file(name);
  await writeFile(file, text);
  const { meta, batches } = await parseToa5(file, { fileName: name, ...options });
  const list: ScalarBatch[] = [];
  for await (const batch of batches) if (batch.type === 'scalars') list.push(batch);
  return { meta, batches: list, rows: list.flatMap((b) => b.rows) };
}

const met: CampbellTable = {
  station: 'Summit', model: 'CR1000X', serial: '4711', os: 'CR1000X.Std.07', program: 'CPU:met.CR1X', signature: '1234', table: 'Met1m',
  variables: [
    { name: 'AirTC_Avg', unit: 'Deg C', processing: 'Avg' },
    { name: 'Status', unit: '', processing: 'Smp' },
    { name: 'WS_ms', unit: 'meters/Second', processing: 'WVc' },
    { name: 'Flag', unit: '', processing: '' },
  ],
};
const t0 = Date.UTC(2024, 3, 19, 0, 0, 0);
const minute = (i: number) => t0 + i * 60_000;

describe('TOA5 parser', () => {
  it('yields the table as stream, numeric variables with units and processing, and RECORD apart', async () => {
    const rows: CampbellRow[] = [
      { time: minute(0), record: 10, values: [-1.5, 'OK; all fine, "really"', 3.25, 0] },
      { time: minute(1), record: 11, values: [-1.25, 'a;b;c', 3, 1] },
    ];
    const { meta, batches, rows: got } = await parseText('met.dat', toa5Text(met, rows));
    expect(meta.format).toBe('TOA5');
    expect(meta.attributes).toMatchObject({
      format: 'TOA5', station: 'Summit', model: 'CR1000X', serial: '4711', os: 'CR1000X.Std.07', program: 'CPU:met.CR1X',
      signature: '1234', table: 'Met1m', stringColumns: 'Status', rows: 2, timezone: 'UTC',
    });
    expect(batches[0]!.stream).toBe('Met1m');
    expect(batches[0]!.variables).toEqual([
      { name: 'AirTC_Avg', unit: 'Deg C', processing: 'Avg', shape: 'scalar' },
      { name: 'WS_ms', unit: 'meters/Second', processing: 'WVc', shape: 'scalar' },
      { name: 'Flag', unit: null, processing: null, shape: 'scalar' },
    ]);
    expect(got).toEqual([
      { timeMs: minute(0), record: 10, values: [-1.5, 3.25, 0] },
      { timeMs: minute(1), record: 11, values: [-1.25, 3, 1] },
    ]);
  });

  it('cuts batches of options.batchSize rows (default 5000) from a streamed file', async () => {
    const table: CampbellTable = { variables: [{ name: 'a' }, { name: 'b' }] };
    function* rows(): Generator<CampbellRow> {
      for (let i = 0; i < 12_001; i++) yield { time: t0 + i * 100, record: i, values: [i / 10, -i] };
    }
    const file = fixtures.file('fast.dat');
    await writeToa5File(file, table, rows());
    const { batches } = await parseToa5(file, { fileName: 'fast.dat' });
    const sizes: number[] = [];
    let last: unknown;
    for await (const batch of batches) {
      if (batch.type !== 'scalars') continue;
      sizes.push(batch.rows.length);
      last = batch.rows.at(-1);
    }
    expect(sizes).toEqual([5000, 5000, 2001]);
    expect(last).toEqual({ timeMs: t0 + 12_000 * 100, record: 12_000, values: [1200, -12_000] });
    const small = await parseText('small.dat', toa5Text(table, [...rows()].slice(0, 5)), { batchSize: 2 });
    expect(small.batches.map((b) => b.rows.length)).toEqual([2, 2, 1]);
  });

  it('yields each batch as soon as it is full, before parsing the rest of what was read', async () => {
    // All eight rows arrive in one read; the first batch must not wait for (and keep alive) the others.
    const table: CampbellTable = { variables: [{ name: 'a' }] };
    const file = fixtures.file('eager.dat');
    await writeFile(file, toa5Text(table, Array.from({ length: 8 }, (_, i) => ({ time: t0 + i * 100, values: [i] }))));
    const { meta, batches } = await parseToa5(file, { fileName: 'eager.dat', batchSize: 3 });
    const rowsParsedAtEachBatch: unknown[] = [];
    for await (const batch of batches) rowsParsedAtEachBatch.push([batch.rows.length, meta.attributes.rows]);
    expect(rowsParsedAtEachBatch).toEqual([[3, 3], [3, 6], [2, 8]]);
  });

  it('reads NAN, INF and their variants as null and counts them', async () => {
    const table: CampbellTable = { variables: [{ name: 'x' }, { name: 'y' }] };
    const rows: CampbellRow[] = [
      { time: minute(0), values: [null, Number.POSITIVE_INFINITY] },
      { time: minute(1), values: [Number.NEGATIVE_INFINITY, { raw: 'NAN' }] },
      { time: minute(2), values: [{ raw: '-NAN' }, { raw: 'nan' }] },
      { time: minute(3), values: [{ raw: 'INF' }, { raw: '' }] },
    ];
    const { meta, rows: got } = await parseText('nan.dat', toa5Text(table, rows));
    expect(got.map((r) => r.values)).toEqual([[null, null], [null, null], [null, null], [null, null]]);
    expect(meta.attributes).toMatchObject({ nanValues: 4, infValues: 3 });
  });

  it('reads every decimal spelling as parseFloat does', async () => {
    const spellings = ['+5', '.5', '-0.25', '1.5E+03', '2e-3', '12345678901234567890', '0.1234567890123456789', '007', '1.'];
    const table: CampbellTable = { variables: spellings.map((_, i) => ({ name: `v${i}` })) };
    const { rows } = await parseText('decimals.dat', toa5Text(table, [{ time: minute(0), values: spellings.map((raw) => ({ raw })) }]));
    expect(rows[0]!.values).toEqual(spellings.map((s) => Number.parseFloat(s)));
  });

  it('takes a column whose first value is "NAN" as numeric, and counts later quoted text in it', async () => {
    const table: CampbellTable = { variables: [{ name: 'Msg' }, { name: 'T' }] };
    const rows: CampbellRow[] = [
      { time: minute(0), values: [null, 1] },
      { time: minute(1), values: ['sensor lost', 2] },
      { time: minute(2), values: [{ raw: '"7.5"' }, { raw: 'true' }] },
    ];
    const { meta, rows: got } = await parseText('quoted.dat', toa5Text(table, rows));
    expect(meta.attributes.stringColumns).toBe('');
    expect(got.map((r) => r.values)).toEqual([[null, 1], [null, 2], [7.5, -1]]);
    expect(meta.attributes.quotedTextValues).toBe(1);
  });

  it('reads fractions of any length and converts the logger clock with options.timezone', async () => {
    const table: CampbellTable = { variables: [{ name: 'x' }] };
    const times = ['2024-10-27 01:59:59', '2024-10-27 02:30:00.1', '2024-10-27 02:30:00.105', '2024-10-27 03:00:00.12345'];
    const text = toa5Text(table, times.map((time) => ({ time, values: [1] })));
    const utc = await parseText('tz-utc.dat', text);
    expect(utc.rows.map((r) => r.timeMs)).toEqual([
      Date.UTC(2024, 9, 27, 1, 59, 59), Date.UTC(2024, 9, 27, 2, 30, 0, 100), Date.UTC(2024, 9, 27, 2, 30, 0, 105),
      Date.UTC(2024, 9, 27, 3, 0, 0) + 123.45,
    ]);
    const berlin = await parseText('tz-berlin.dat', text, { timezone: 'Europe/Berlin' });
    // 02:30 happens twice that night: the earlier instant (summer time, UTC+2) is taken and counted.
    expect(berlin.rows.map((r) => r.timeMs)).toEqual([
      Date.UTC(2024, 9, 26, 23, 59, 59), Date.UTC(2024, 9, 27, 0, 30, 0, 100), Date.UTC(2024, 9, 27, 0, 30, 0, 105),
      Date.UTC(2024, 9, 27, 2, 0, 0) + 123.45,
    ]);
    expect(berlin.meta.attributes).toMatchObject({ timezone: 'Europe/Berlin', dstAmbiguousRows: 2, dstGapRows: 0 });
  });

  it('skips rows at or before options.afterTimeMs (the tail of a grown file)', async () => {
    const table: CampbellTable = { variables: [{ name: 'x' }] };
    const rows = Array.from({ length: 6 }, (_, i): CampbellRow => ({ time: minute(i), values: [i] }));
    const { meta, rows: got } = await parseText('tail.dat', toa5Text(table, rows), { afterTimeMs: minute(3) });
    expect(got.map((r) => r.values[0])).toEqual([4, 5]);
    expect(meta.attributes).toMatchObject({ rows: 2, skippedRows: 4 });
  });

  it('survives RECORD resets and repeats and a clock set back, and counts them', async () => {
    const table: CampbellTable = { variables: [{ name: 'x' }] };
    const records = [41, 42, 43, 0, 0, 1];
    const rows = records.map((record, i): CampbellRow => ({ time: minute(i === 4 ? 1 : i), record, values: [i] }));
    const { meta, rows: got } = await parseText('reset.dat', toa5Text(table, rows));
    expect(got.map((r) => r.record)).toEqual(records);
    expect(meta.attributes).toMatchObject({ recordResets: 1, recordRepeats: 1, timeReversals: 1, rows: 6 });
  });

  it('reads a header-only file as zero rows, and a table without RECORD', async () => {
    const empty = await parseText('header-only.dat', toa5HeaderText(met));
    expect(empty.rows).toEqual([]);
    expect(empty.meta.attributes).toMatchObject({ table: 'Met1m', rows: 0 });
    const noRecord: CampbellTable = { withRecord: false, variables: [{ name: 'x' }] };
    const { rows } = await parseText('no-record.dat', toa5Text(noRecord, [{ time: minute(0), values: [2] }]));
    expect(rows).toEqual([{ timeMs: minute(0), values: [2] }]);
  });

  it('accepts LF line ends and skips blank lines', async () => {
    const table: CampbellTable = { lineEnd: '\n', variables: [{ name: 'x' }] };
    const text = toa5Text(table, [{ time: minute(0), values: [1] }, { time: minute(1), values: [2] }]);
    const { rows } = await parseText('lf.dat', text.replace('\n"2024-04-19 00:01:00"', '\n\n\r\n"2024-04-19 00:01:00"') + '\n');
    expect(rows.map((r) => r.values[0])).toEqual([1, 2]);
  });

  it('leaves out a last line without a line end (a record still being written) and says so', async () => {
    const table: CampbellTable = { variables: [{ name: 'x' }] };
    const text = toa5Text(table, [{ time: minute(0), values: [1.25] }, { time: minute(1), values: [2.5] }]);
    const { meta, rows } = await parseText('torn.dat', text.slice(0, -4)); // "2.5\r\n" cut to "2"
    expect(rows.map((r) => r.values[0])).toEqual([1.25]);
    expect(meta.attributes.unterminatedLastLine).toBe(6);
  });
});
