// Unwrapping binary COPY rows into fixed-size records: against PostgreSQL's own binary COPY output, split
// at every byte boundary, and against output that is not what the decoder was promised.
import { sql } from 'drizzle-orm';
import { to as copyTo } from 'pg-copy-streams';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedRecordDecoder } from '../../lib/api/copy-binary-records';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
});

afterAll(async () => {
  await t?.drop();
});

/** The bytes of `COPY (select) TO STDOUT (FORMAT binary)`, as the server sends them. */
async function binaryCopy(select: string): Promise<Buffer> {
  const client = await t.db.$client.connect();
  try {
    const parts: Buffer[] = [];
    for await (const chunk of client.query(copyTo(`COPY (${select}) TO STDOUT WITH (FORMAT binary)`))) parts.push(chunk as Buffer);
    return Buffer.concat(parts);
  } finally {
    client.release();
  }
}

/** What the records should be: the same bytea column read as ordinary query results. */
async function expectedRecords(select: string): Promise<Buffer> {
  const result = await t.db.execute<{ r: Buffer }>(sql.raw(`SELECT r FROM (${select}) x(r)`));
  return Buffer.concat(result.rows.map((row) => row.r));
}

function decodeInChunks(bytes: Buffer, chunkSize: number, recordBytes: number, records: number): Buffer {
  const decoder = fixedRecordDecoder(recordBytes, records);
  const out: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += chunkSize) out.push(decoder.push(bytes.subarray(at, at + chunkSize)));
  decoder.end();
  return Buffer.concat(out);
}

const RECORDS = "SELECT float8send(i::float8) || float8send(coalesce(nullif(i % 3, 0)::float8, 'NaN'::float8)) FROM generate_series(1, 40) AS i ORDER BY i";

describe('binary COPY records', () => {
  it('passes on exactly the column bytes, however the chunks split the rows', async () => {
    const bytes = await binaryCopy(RECORDS);
    const expected = await expectedRecords(RECORDS);
    expect(expected.length).toBe(40 * 16);
    expect(expected.readDoubleBE(16 * 2 + 8)).toBeNaN();
    for (let size = 1; size <= bytes.length; size++) expect(decodeInChunks(bytes, size, 16, 40)).toEqual(expected);
  });

  it('accepts a query with no rows', async () => {
    const bytes = await binaryCopy(`${RECORDS.replace('40', '0')}`);
    expect(decodeInChunks(bytes, 3, 16, 0)).toHaveLength(0);
  });

  it('refuses a row count other than the announced one', async () => {
    const bytes = await binaryCopy(RECORDS);
    expect(() => decodeInChunks(bytes, 100, 16, 41)).toThrow('export produced 40 rows, 41 announced');
  });

  it('refuses rows of another shape than promised', async () => {
    const bytes = await binaryCopy(RECORDS);
    expect(() => decodeInChunks(bytes, 100, 8, 40)).toThrow(/expected 1 field of 8 bytes, got 1 field\(s\), the first of 16 bytes/);
    const twoColumns = await binaryCopy('SELECT float8send(1::float8), float8send(2::float8)');
    expect(() => decodeInChunks(twoColumns, 100, 8, 1)).toThrow(/got 2 field\(s\)/);
  });

  it('refuses output that is cut short, goes on after its end, or is not binary COPY', async () => {
    const bytes = await binaryCopy(RECORDS);
    expect(() => decodeInChunks(bytes.subarray(0, bytes.length - 2), 100, 16, 40)).toThrow('COPY output ended without its end marker, after 40 rows');
    expect(() => decodeInChunks(bytes.subarray(0, bytes.length - 30), 100, 16, 40)).toThrow(/without its end marker, after 38 rows/);
    expect(() => decodeInChunks(Buffer.concat([bytes, Buffer.from([0])]), 7, 16, 40)).toThrow('COPY output continues after its end marker');
    expect(() => decodeInChunks(Buffer.from('time,v0\n2026-03-01T00:00:00.000Z,1\n'), 5, 16, 1)).toThrow('COPY output is not in binary format');
    expect(() => fixedRecordDecoder(0, 1)).toThrow(/record size/);
  });
});
