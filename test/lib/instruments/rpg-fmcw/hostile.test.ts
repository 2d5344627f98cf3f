// Hostile and corrupt LV1 files: every one must end in a ParseError that says where and what, never in a
// RangeError, a huge allocation, or rows from a half-read file.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFmcwLv1File } from '../../../../lib/instruments/rpg-fmcw';
import { ParseError } from '../../../../lib/instruments/types';
import { type FixtureDir, collect, makeFixtureDir } from '../../../helpers/fixtures/hatpro';
import { FMCW_CODES, simpleFmcwFile, writeFmcwLv1 } from '../../../helpers/fixtures/rpg-fmcw';

const T0 = Date.UTC(2024, 5, 1, 12, 0, 0);
let dir: FixtureDir;
beforeAll(async () => {
  dir = await makeFixtureDir();
});
afterAll(() => dir.cleanup());

async function parseError(name: string, bytes: Buffer): Promise<ParseError> {
  const file = await dir.write(name, bytes);
  try {
    await collect((await parseFmcwLv1File(file, { fileName: name })).batches);
  } catch (error) {
    if (error instanceof ParseError) return error;
    throw error;
  }
  throw new Error(`${name} parsed without error`);
}

/** A v3.5 file with one-letter names, so header offsets are fixed: RAltN at 65, DualPol at 48. */
const small = () =>
  writeFmcwLv1({
    code: FMCW_CODES.v35,
    dualPol: 1,
    programName: 'P',
    customerName: 'C',
    rangeGates: [100, 130, 160, 190],
    samples: [0, 1, 2].map((s) => ({
      timeMs: T0 + s * 1000,
      gates: [[1, 2, 3, 4, 5, 6, 7, 8], null, [1, 2, 3, 4, 5, 6, 7, 8], null],
    })),
  });
const OFFSETS = { headerLength: 4, dualPol: 48, rangeGates: 65 } as const;

function withInt32(bytes: Buffer, offset: number, value: number): Buffer {
  const copy = Buffer.from(bytes);
  copy.writeInt32LE(value, offset);
  return copy;
}

/** Offset of the first sample's SampBytes: after the header and the sample count. */
function firstSampleAt(bytes: Buffer): number {
  return 8 + bytes.readInt32LE(4) + 4;
}

describe('hostile RPG FMCW LV1 files', () => {
  it('empty and garbage files', async () => {
    expect((await parseError('empty.LV1', Buffer.alloc(0))).message).toBe('empty.LV1: byte 0: empty file: expected a 4-byte RPG file code');
    const garbage = await parseError('garbage.LV1', Buffer.from('this is not a radar file at all, just text\n'.repeat(20)));
    expect(garbage.message).toMatch(/garbage\.LV1: byte 0: unknown RPG FMCW file code \d+; level-1 codes: 789345 \(v1\), .*1889348 \(v4\)/);
  });

  it('a level-0 (spectra) file is refused by name', async () => {
    const error = await parseError('spectra.LV1', withInt32(small(), 0, FMCW_CODES.lv0));
    expect(error.message).toContain('file code 889346 is a level-0 (Doppler spectra) file; only level-1 (moments) files are ingested');
  });

  it('truncated at every byte: always a ParseError naming a byte offset', async () => {
    const bytes = small();
    const seen = new Set<string>();
    for (let length = 0; length < bytes.length; length++) {
      const error = await parseError('cut.LV1', bytes.subarray(0, length));
      expect(error.byteOffset).toBeTypeOf('number');
      seen.add(error.message.replace(/\d+/g, 'N'));
    }
    // The header, the sample count check and the sample stream each say it their own way.
    expect([...seen].some((m) => m.includes('truncated: expected'))).toBe(true);
    expect([...seen].some((m) => m.includes('the header promises N samples'))).toBe(true);
  });

  it('a header claiming 2^31 range gates, or a 2 GiB header, is refused before any allocation', async () => {
    const gates = await parseError('gates.LV1', withInt32(small(), OFFSETS.rangeGates, 0x7fffffff));
    expect(gates.message).toBe(`gates.LV1: byte ${OFFSETS.rangeGates}: implausible range gate count (RAltN) 2147483647: expected 1..8192`);
    const header = await parseError('header.LV1', withInt32(small(), OFFSETS.headerLength, 0x7fffffff));
    expect(header.message).toContain('implausible header length (HeaderLen) 2147483647');
  });

  it('a header length that disagrees with the fields', async () => {
    const bytes = small();
    const error = await parseError('len.LV1', withInt32(bytes, OFFSETS.headerLength, bytes.readInt32LE(4) + 4));
    expect(error.message).toMatch(/the header's fields end at byte \d+, but its length field \(HeaderLen \d+\) puts the end at byte \d+/);
  });

  it('an unknown polarisation mode', async () => {
    const bytes = Buffer.from(small());
    bytes[OFFSETS.dualPol] = 7;
    expect((await parseError('pol.LV1', bytes)).message).toBe(`pol.LV1: byte ${OFFSETS.dualPol}: expected polarisation mode (DualPol) 0, 1 or 2, found 7`);
  });

  it('a sample count larger than the file, or smaller (trailing samples)', async () => {
    const more = writeFmcwLv1({ ...baseFile(), sampleCountOverride: 1_000_000 });
    expect((await parseError('more.LV1', more)).message).toMatch(/truncated: the header promises 1000000 samples of at least \d+ bytes each, but only \d+ bytes follow \(room for 3\)/);
    const fewer = writeFmcwLv1({ ...baseFile(), sampleCountOverride: 2 });
    expect((await parseError('fewer.LV1', fewer)).message).toMatch(/\d+ unexpected bytes after the last of the header's 2 samples/);
    const negative = writeFmcwLv1({ ...baseFile(), sampleCountOverride: -1 });
    expect((await parseError('negative.LV1', negative)).message).toContain('implausible sample count -1');
  });

  it('corrupt samples: implausible SampBytes, gate flags that do not add up, bad milliseconds', async () => {
    const bytes = small();
    const at = firstSampleAt(bytes);
    expect((await parseError('size.LV1', withInt32(bytes, at, 0x7fffffff))).message).toMatch(/sample 1: implausible SampBytes 2147483647: this header's samples take \d+\.\.\d+ bytes/);
    const flags = Buffer.from(bytes);
    const gateFlagsAt = at + 4 + 4 + 4 + 1 + 17 * 4 + 4 * (3 + 2 + 4 + 2 * 4);
    expect([...flags.subarray(gateFlagsAt, gateFlagsAt + 4)]).toEqual([1, 0, 1, 0]);
    flags[gateFlagsAt + 1] = 1;
    expect((await parseError('flags.LV1', flags)).message).toMatch(/sample 1: SampBytes is \d+, but its gate flags mean \d+ bytes \(corrupt sample\)/);
    expect((await parseError('ms.LV1', withInt32(bytes, at + 8, 5000))).message).toContain('sample 1: milliseconds 5000 outside 0..999');
  });

  it('an unterminated name is refused after 1024 bytes', async () => {
    const bytes = writeFmcwLv1({ ...baseFile(), programName: 'x'.repeat(2000) });
    expect((await parseError('name.LV1', bytes)).message).toContain('program name (ProgName) runs over 1024 bytes without its NUL');
  });

  it('a good file still parses after all that (the fixtures are valid)', async () => {
    const file = await dir.write('good.LV1', simpleFmcwFile({ startMs: T0, count: 2 }));
    const batches = await collect((await parseFmcwLv1File(file, { fileName: 'good.LV1' })).batches);
    expect(batches.length).toBeGreaterThan(0);
  });
});

function baseFile() {
  return {
    code: FMCW_CODES.v35,
    dualPol: 1 as const,
    rangeGates: [100, 130, 160, 190],
    samples: [0, 1, 2].map((s) => ({ timeMs: T0 + s * 1000, gates: [[1, 2, 3, 4, 5, 6, 7, 8], null, null, null] })),
  };
}
