import { afterAll, beforeAll, describe, it, expect } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { parseToa5 } from '@/lib/instruments/campbell-toa5';
import { ParseError } from '@/lib/instruments/types';
import { type CampbellTable, makeFixtureDir, toa5HeaderText, toa5Text } from '@/test/helpers/fixtures/campbell';

let fixtures: Awaited<ReturnType<typeof makeFixtureDir>>;
beforeAll(async () => { fixtures = await makeFixtureDir(); });
afterAll(async () => { await fixtures.cleanup(); });

/** Parses a file to the end and returns the ParseError it must throw. */
async function failure(name: string, content: string | Buffer): Promise<ParseError> {
  const file = fixtures.file(name);
  await writeFile(file, content);
  try {
    const { batches } = await parseToa5(file, { fileName: `raw/${name}` });
    for await (const batch of batches) void batch;
  } catch (error) {
    expect(error).toBeInstanceOf(ParseError);
    expect((error as ParseError).fileName).toBe(`raw/${name}`);
    return error as ParseError;
  }
  throw new Error(`${name} parsed without error`);
}

const table: CampbellTable = { variables: [{ name: 'AirTC' }, { name: 'RH' }] };
const header = toa5HeaderText(table);
const row = (time: string, record: string, ...values: string[]) => `"${time}",${record},${values.join(',')}\r\n`;
const good = row('2024-04-19 00:00:00', '1', '1.5', '80');

describe('TOA5 parser on bad input', () => {
  it('names the first line when the file is not TOA5', async () => {
    const tob3 = await failure('tob3.dat', header.replace('"TOA5"', '"TOB3"'));
    expect(tob3.line).toBe(1);
    expect(tob3.message).toMatch(/raw\/tob3\.dat: line 1: expected a TOA5 header line .* found a TOB3 file/);
    expect((await failure('plain.csv', 'time,value\r\n1,2\r\n')).line).toBe(1);
    const short = await failure('short-env.dat', header.replace(/,"Public"/, ''));
    expect(short.message).toMatch(/line 1: expected 8 fields .* found 7/);
  });

  it('fails on a header cut short before line 4, naming the missing line', async () => {
    const lines = header.split('\r\n');
    expect((await failure('empty.dat', '')).message).toMatch(/line 1: .*found an empty file/);
    for (const kept of [1, 2, 3]) {
      const error = await failure(`cut-${kept}.dat`, lines.slice(0, kept).join('\r\n') + '\r\n');
      expect(error.line).toBe(kept + 1);
      expect(error.message).toMatch(/the header ends early: expected 4 header lines/);
    }
  });

  it('fails when units or processing do not match the names, or TIMESTAMP is missing', async () => {
    const units = await failure('units.dat', header.replace('"TS","RN",', '"TS",'));
    expect(units.line).toBe(3);
    expect(units.message).toMatch(/expected 4 units \(one per field name\), found 3/);
    expect((await failure('processing.dat', header.replace('"","",', '""'))).line).toBe(4);
    const noTime = await failure('no-time.dat', header.replace('"TIMESTAMP"', '"TIME"'));
    expect(noTime.line).toBe(2);
    expect(noTime.message).toMatch(/"TIMESTAMP"/);
  });

  it('fails on a header that is not UTF-8', async () => {
    const line2 = header.indexOf('\r\n') + 5;
    const bytes = Buffer.concat([Buffer.from(header.slice(0, line2)), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from(header.slice(line2))]);
    const error = await failure('latin.dat', bytes);
    expect(error.line).toBe(2);
    expect(error.message).toMatch(/not valid UTF-8/);
  });

  it('fails on a data line with too few or too many fields, with its line number', async () => {
    const few = await failure('few.dat', header + good + row('2024-04-19 00:01:00', '2', '1.5'));
    expect(few.line).toBe(6);
    expect(few.message).toMatch(/expected 4 fields, found 3/);
    const many = await failure('many.dat', header + good + good + row('2024-04-19 00:02:00', '3', '1', '2', '"x,y"', '4'));
    expect(many.line).toBe(7);
    expect(many.message).toMatch(/expected 4 fields, found 6/);
  });

  it('fails on an unparseable timestamp, quoting it', async () => {
    for (const [name, time] of [['slash', '2024/04/19 00:01:00'], ['feb30', '2024-02-30 00:00:00'], ['nan', 'NAN']]) {
      const error = await failure(`time-${name}.dat`, header + good + row(time!, '2', '1', '2'));
      expect(error.line).toBe(6);
      expect(error.message).toContain(`unparseable TIMESTAMP "${time}"`);
    }
  });

  it('fails on a non-numeric unquoted value or RECORD, naming field and text', async () => {
    const value = await failure('text.dat', header + good + row('2024-04-19 00:01:00', '2', '1.5', '8O'));
    expect(value.line).toBe(6);
    expect(value.message).toMatch(/field 4 \(RH\): expected a number or "NAN", found "8O"/);
    const record = await failure('record.dat', header + row('2024-04-19 00:01:00', '-2', '1.5', '80'));
    expect(record.message).toMatch(/line 5: RECORD: expected a whole number, found "-2"/);
    const quote = await failure('quote.dat', header + row('2024-04-19 00:01:00', '2', '"open', '80'));
    expect(quote.message).toMatch(/quoted field is not closed/);
  });

  it('fails on garbage bytes after a good header, and on a NUL-filled tail without a line end', async () => {
    let seed = 7;
    const garbage = Buffer.alloc(4096).map(() => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 24);
    const error = await failure('garbage.dat', Buffer.concat([Buffer.from(header + good), garbage]));
    expect(error.line).toBeGreaterThanOrEqual(6);
    const nul = await failure('nul-tail.dat', Buffer.concat([Buffer.from(header + good), Buffer.alloc(4096)]));
    expect(nul.line).toBe(6);
    expect(nul.message).toMatch(/no line end and is not the start of a record/);
  });

  it('reads a 50,000-field table', async () => {
    const wide: CampbellTable = { variables: Array.from({ length: 50_000 }, (_, i) => ({ name: `N(${i + 1})`, unit: '1/m3' })) };
    const values = Array.from({ length: 50_000 }, (_, i) => i / 4);
    const file = fixtures.file('wide.dat');
    await writeFile(file, toa5Text(wide, [{ time: Date.UTC(2024, 0, 1), values }, { time: Date.UTC(2024, 0, 1, 0, 1), values }]));
    const { batches } = await parseToa5(file, { fileName: 'wide.dat' });
    for await (const batch of batches) {
      if (batch.type !== 'scalars') continue;
      expect(batch.variables).toHaveLength(50_000);
      expect(batch.variables[49_999]).toMatchObject({ name: 'N(50000)', unit: '1/m3' });
      expect(batch.rows).toHaveLength(2);
      expect(batch.rows[1]!.values).toEqual(values);
    }
  });

  it('fails clearly on a line of more than 16 MiB without a line end, in the header or the data', async () => {
    const blob = Buffer.alloc(17 * 1024 * 1024, 0x31); // "1111..."
    const inData = await failure('long-data.dat', Buffer.concat([Buffer.from(header + good), Buffer.from('"2024-04-19 00:01:00",2,'), blob]));
    expect(inData.line).toBe(6);
    expect(inData.message).toMatch(/longer than 16 MiB without a line end/);
    const inHeader = await failure('long-header.dat', Buffer.concat([Buffer.from(header.split('\r\n')[0] + '\r\n'), blob]));
    expect(inHeader.line).toBe(2);
  });

  it('reports an unknown time zone before reading', async () => {
    const file = fixtures.file('zone.dat');
    await writeFile(file, header + good);
    await expect(parseToa5(file, { fileName: 'zone.dat', timezone: 'Europe/Atlantis' })).rejects.toThrow(/Europe\/Atlantis/);
  });
});
