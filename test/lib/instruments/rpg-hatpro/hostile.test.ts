import { truncate } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseHatproFile } from '../../../../lib/instruments/rpg-hatpro';
import { ParseError } from '../../../../lib/instruments/types';
import {
  HATPRO_CODES,
  type FixtureDir,
  collect,
  makeFixtureDir,
  writeBlb,
  writeBrt,
  writeLwp,
  writeTpc,
} from '../../../helpers/fixtures/hatpro';

const T0 = Date.UTC(2024, 5, 1, 12, 0, 0);
let dir: FixtureDir;
beforeAll(async () => {
  dir = await makeFixtureDir();
});
afterAll(() => dir.cleanup());

/** Parses and drains; resolves to the ParseError it must throw. */
async function parseError(name: string, bytes: Buffer): Promise<ParseError> {
  const file = await dir.write(name, bytes);
  try {
    await collect((await parseHatproFile(file, { fileName: name })).batches);
  } catch (error) {
    if (error instanceof ParseError) return error;
    throw error;
  }
  throw new Error(`${name} parsed without error`);
}

const threeLwp = () =>
  writeLwp({ records: [0, 1, 2].map((i) => ({ timeMs: T0 + i * 1000, value: i })) });

function withInt32(bytes: Buffer, offset: number, value: number): Buffer {
  const copy = Buffer.from(bytes);
  copy.writeInt32LE(value, offset);
  return copy;
}

describe('hostile HATPRO files', () => {
  it('empty file', async () => {
    const error = await parseError('empty.LWP', Buffer.alloc(0));
    expect(error.message).toBe('empty.LWP: byte 0: empty file: expected a 4-byte RPG file code');
  });

  it('a file shorter than its file code', async () => {
    const error = await parseError('short.LWP', Buffer.from([1, 2, 3]));
    expect(error.message).toMatch(/short\.LWP: byte 0: truncated: expected the RPG file code .* ends at byte 3/);
  });

  it('unknown file code, listing the known ones', async () => {
    const error = await parseError('unknown.LWP', withInt32(threeLwp(), 0, 123456));
    expect(error.byteOffset).toBe(0);
    expect(error.message).toMatch(/unknown RPG file code 123456; known codes: LWP 934501978\/934501000, IWV .*HPC 117343672\/117343673/);
  });

  it('truncated header', async () => {
    const error = await parseError('header.LWP', threeLwp().subarray(0, 10));
    expect(error.byteOffset).toBe(8);
    expect(error.message).toMatch(/truncated: expected minimum value \(4 bytes\) but the file ends at byte 10/);
  });

  it('truncated record: the header promises more records than the file holds', async () => {
    const bytes = threeLwp();
    const error = await parseError('record.LWP', bytes.subarray(0, bytes.length - 5));
    expect(error.byteOffset).toBe(bytes.length - 5);
    expect(error.message).toContain('truncated record: the LWP v2 header (24 bytes) promises 3 x 13-byte LWP records = 63 bytes, but the file has only 58');
  });

  it('trailing bytes after the last record', async () => {
    const error = await parseError('tail.LWP', Buffer.concat([threeLwp(), Buffer.from('garbage')]));
    expect(error.byteOffset).toBe(63);
    expect(error.message).toMatch(/7 unexpected bytes after the last record/);
  });

  it('a record count of 2^31-1 in a small file is refused without reading', async () => {
    const error = await parseError('count.LWP', withInt32(threeLwp(), 4, 0x7fffffff));
    expect(error.message).toMatch(/promises 2147483647 x 13-byte LWP records/);
  });

  it('a negative record count', async () => {
    const error = await parseError('negative.LWP', withInt32(threeLwp(), 4, -1));
    expect(error.byteOffset).toBe(4);
    expect(error.message).toMatch(/implausible record count -1: expected 0\.\.2147483647/);
  });

  it('an impossible time reference', async () => {
    const error = await parseError('timeref.LWP', withInt32(threeLwp(), 16, 7));
    expect(error.byteOffset).toBe(16);
    expect(error.message).toMatch(/expected time reference 0 \(local\) or 1 \(UTC\), found 7/);
  });

  it.each([
    { name: 'channels.BRT', offset: 12, bytes: () => writeBrt({ frequencies: [22.24], records: [] }), what: 'frequency count' },
    { name: 'channels.BLB', offset: 8, bytes: () => writeBlb({ frequencies: [22.24], elevations: [90], records: [] }), what: 'frequency count' },
    { name: 'levels.TPC', offset: 24, bytes: () => writeTpc({ altitudes: [0], records: [] }), what: 'altitude count' },
  ])('2^31 channels or levels ($name) are refused before anything is sized from them', async ({ name, offset, bytes, what }) => {
    const error = await parseError(name, withInt32(bytes(), offset, 0x7fffffff));
    expect(error.byteOffset).toBe(offset);
    expect(error.message).toContain(`implausible ${what} 2147483647`);
  });

  it('a v1 BLB whose channel count contradicts the 14 it was sized for', async () => {
    const frequencies = Array.from({ length: 14 }, (_, i) => 22 + i);
    const bytes = writeBlb({ version: 1, frequencies, elevations: [90], records: [] });
    const error = await parseError('v1.BLB', withInt32(bytes, 4 + 4 + 8 * 14 + 4, 7));
    expect(error.message).toMatch(/v1 BLB headers size TB min\/max for 14 channels, but the file says 7/);
  });

  it('a file that shrinks after its header was checked', async () => {
    const bytes = threeLwp();
    const file = await dir.write('shrinks.LWP', bytes);
    const parsed = await parseHatproFile(file, { fileName: 'shrinks.LWP' });
    await truncate(file, bytes.length - 13);
    await expect(collect(parsed.batches)).rejects.toThrow(/truncated record: expected LWP records up to byte 63, the file now ends at byte 50/);
  });

  it('random bytes after every known file code fail with a ParseError, never a crash', async () => {
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 256;
    const codes = Object.values(HATPRO_CODES).flatMap((versions) => Object.values(versions));
    for (const code of codes) {
      for (const length of [4, 9, 64, 700]) {
        const bytes = Buffer.alloc(4 + length);
        bytes.writeInt32LE(code, 0);
        for (let i = 4; i < bytes.length; i++) bytes[i] = Math.floor(random());
        const error = await parseError(`garbage-${code}-${length}.bin`, bytes);
        expect(error.fileName).toBe(`garbage-${code}-${length}.bin`);
        expect(error.byteOffset).toBeTypeOf('number');
      }
    }
  });
});
