import { afterAll, beforeAll, describe, it, expect } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { parseTob1 } from '@/lib/instruments/campbell-toa5';
import { ParseError } from '@/lib/instruments/types';
import { type CampbellRow, type CampbellTable, makeFixtureDir, tob1Bytes, tob1Header, tob1RecordBytes, toa5Text } from '@/test/helpers/fixtures/campbell';

let fixtures: Awaited<ReturnType<typeof makeFixtureDir>>;
beforeAll(async () => { fixtures = await makeFixtureDir(); });
afterAll(async () => { await fixtures.cleanup(); });

async function parse(name: string, content: Buffer | string) {
  const file = fixtures.file(name);
  await writeFile(file, content);
  const { meta, batches } = await parseTob1(file, { fileName: `raw/${name}` });
  let rows = 0;
  for await (const batch of batches) if (batch.type === 'scalars') rows += batch.rows.length;
  return { meta, rows };
}

async function failure(name: string, content: Buffer | string): Promise<ParseError> {
  try {
    await parse(name, content);
  } catch (error) {
    expect(error).toBeInstanceOf(ParseError);
    expect((error as ParseError).fileName).toBe(`raw/${name}`);
    return error as ParseError;
  }
  throw new Error(`${name} parsed without error`);
}

// 12 bytes SECONDS/NANOSECONDS/RECORD + 3 FP2 = 18 bytes, like the Toxx sample.
const table: CampbellTable = { variables: [{ name: 'a', type: 'FP2' }, { name: 'b', type: 'FP2' }, { name: 'c', type: 'FP2' }] };
const rows = Array.from({ length: 3 }, (_, i): CampbellRow => ({ time: Date.UTC(2024, 0, 1, 0, i), values: [i, i, i] }));
const header = tob1Header(table);
const good = tob1Bytes(table, rows);

describe('TOB1 parser on bad input', () => {
  it('fails on a truncated last record, naming its byte offset', async () => {
    expect(tob1RecordBytes(table)).toBe(18);
    const error = await failure('cut.dat', good.subarray(0, good.length - 11));
    expect(error.byteOffset).toBe(header.length + 2 * 18);
    expect(error.message).toMatch(/raw\/cut\.dat: byte \d+: truncated last record: 7 of 18 bytes/);
    expect((await failure('two.dat', Buffer.concat([good, Buffer.from('ab')]))).byteOffset).toBe(header.length + 3 * 18);
  });

  it('tolerates one line end after the last record (editors add one) and reports it', async () => {
    for (const tail of ['\n', '\r\n']) {
      const { meta, rows: count } = await parse(`tail-${tail.length}.dat`, Buffer.concat([good, Buffer.from(tail)]));
      expect(count).toBe(3);
      expect(meta.attributes.trailingBytesIgnored).toBe(tail.length);
    }
  });

  it('fails on garbage records through the time check, naming the byte offset', async () => {
    const garbage = Buffer.alloc(18 * 4, 0xff);
    const error = await failure('garbage.dat', Buffer.concat([good, garbage]));
    expect(error.byteOffset).toBe(header.length + 3 * 18 + 4);
    expect(error.message).toMatch(/out of range .*garbage bytes/);
  });

  it('fails on an unknown data type or a type line that does not match the names', async () => {
    const unknown = await failure('type.dat', Buffer.from(header.toString().replace('"FP2","FP2","FP2"', '"FP2","FP9","FP2"')));
    expect(unknown.line).toBe(5);
    expect(unknown.message).toMatch(/field 5 \(b\): unknown data type "FP9" \(expected one of IEEE4/);
    const count = await failure('count.dat', Buffer.from(header.toString().replace(',"FP2"\r\n', '\r\n')));
    expect(count.line).toBe(5);
    expect(count.message).toMatch(/expected 6 data types/);
  });

  it('fails without SECONDS, on a header cut short, and on a file that is not TOB1', async () => {
    const noTime = await failure('no-seconds.dat', Buffer.from(header.toString().replace('"SECONDS","NANOSECONDS"', '"S","NANOSECONDS"')));
    expect(noTime.line).toBe(2);
    expect(noTime.message).toMatch(/"SECONDS"/);
    const lines = header.toString().split('\r\n');
    expect((await failure('four-lines.dat', lines.slice(0, 4).join('\r\n') + '\r\n')).line).toBe(5);
    const toa5 = await failure('toa5.dat', toa5Text(table, rows));
    expect(toa5.line).toBe(1);
    expect(toa5.message).toMatch(/expected a TOB1 header line/);
  });

  it('fails on a header that is not UTF-8', async () => {
    const bad = Buffer.from(header);
    bad[header.indexOf('"a"') + 1] = 0xff;
    const error = await failure('latin.dat', Buffer.concat([bad, good.subarray(header.length)]));
    expect(error.line).toBe(2);
    expect(error.message).toMatch(/not valid UTF-8/);
  });
});
