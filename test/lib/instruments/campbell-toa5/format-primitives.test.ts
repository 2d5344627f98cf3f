import { describe, it, expect } from 'vitest';
import { daysFromCivil, parseWallTimestamp, tob1WallMs } from '@/lib/instruments/campbell-toa5/wall-time';
import { decodeFp2, float32ToShortestDouble, parseTob1Type, TypeCode } from '@/lib/instruments/campbell-toa5/tob1-types';
import { splitCsvLine } from '@/lib/instruments/campbell-toa5/header';
import { encodeFp2 } from '@/test/helpers/fixtures/campbell';

const wall = (text: string) => {
  const bytes = Buffer.from(text, 'latin1');
  return parseWallTimestamp(bytes, 0, bytes.length);
};

describe('TOA5 timestamps', () => {
  it('reads whole seconds and fractions of any length', () => {
    expect(wall('2024-04-19 00:00:17')).toBe(Date.UTC(2024, 3, 19, 0, 0, 17));
    expect(wall('2024-04-19 00:00:17.1')).toBe(Date.UTC(2024, 3, 19, 0, 0, 17, 100));
    expect(wall('2024-04-19 00:00:17.105')).toBe(Date.UTC(2024, 3, 19, 0, 0, 17, 105));
    expect(wall('2024-04-19 00:00:17.12345')).toBeCloseTo(Date.UTC(2024, 3, 19, 0, 0, 17) + 123.45, 6);
    expect(wall('2024-04-19T23:59:59')).toBe(Date.UTC(2024, 3, 19, 23, 59, 59));
  });

  it('rejects malformed text and impossible dates with NaN', () => {
    for (const bad of ['2024-04-19', '2024/04/19 00:00:00', '2024-13-01 00:00:00', '2023-02-29 00:00:00',
      '2024-04-31 00:00:00', '2024-04-19 24:00:00', '2024-04-19 00:60:00', '2024-04-19 00:00:17.', '2024-04-19 00:00:17.1x',
      'NAN', '2024-04-1x 00:00:00']) {
      expect(wall(bad), bad).toBeNaN();
    }
    expect(wall('2024-02-29 00:00:00')).toBe(Date.UTC(2024, 1, 29));
  });

  it('counts days like Date.UTC over centuries', () => {
    for (const [y, m, d] of [[1970, 1, 1], [1900, 3, 1], [2000, 2, 29], [2100, 12, 31], [1990, 1, 1]] as const) {
      expect(daysFromCivil(y, m, d) * 86_400_000).toBe(Date.UTC(y, m - 1, d));
    }
  });

  it('places TOB1 seconds on 1990-01-01 and keeps sub-millisecond nanoseconds', () => {
    expect(tob1WallMs(952544100, 0)).toBe(Date.UTC(2020, 2, 8, 19, 35));
    expect(tob1WallMs(0, 1_500_000)).toBe(Date.UTC(1990, 0, 1) + 1.5);
  });
});

describe('FP2', () => {
  it('decodes sign, decimal exponent and mantissa (words from the Toxx sample)', () => {
    expect(decodeFp2(0x4a7e)).toBe(26.86);
    expect(decodeFp2(0x450e)).toBe(12.94);
    expect(decodeFp2(0x0001)).toBe(1);
    expect(decodeFp2(0x7d00)).toBe(7.424);
    expect(decodeFp2(0x8000 | 0x2000 | 1234)).toBe(-123.4);
    expect(decodeFp2(0x1f3f)).toBe(7999);
    expect(decodeFp2(0x8000)).toBe(0); // "negative zero" reads as 0
  });

  it('decodes the special words: 0x1FFF = +INF, 0x9FFF = -INF, 0x9FFE = NaN', () => {
    expect(decodeFp2(0x1fff)).toBe(Number.POSITIVE_INFINITY);
    expect(decodeFp2(0x9fff)).toBe(Number.NEGATIVE_INFINITY);
    expect(decodeFp2(0x9ffe)).toBeNaN();
  });

  it('round-trips every value the fixture writer encodes', () => {
    for (const value of [0, 0.001, -0.001, 7.999, 8, -12.94, 26.86, 79.99, 80, 799.9, 800, 7999, -7999]) {
      expect(decodeFp2(encodeFp2(value))).toBe(value);
    }
  });
});

describe('IEEE4 to decimal', () => {
  it('gives the shortest decimal that reads back as the same float32', () => {
    expect(float32ToShortestDouble(Math.fround(12.93456))).toBe(12.93456);
    expect(float32ToShortestDouble(Math.fround(0.1))).toBe(0.1);
    expect(float32ToShortestDouble(Math.fround(-1234567))).toBe(-1234567);
    expect(float32ToShortestDouble(Math.fround(3.4028234663852886e38))).toBe(3.4028235e38);
    expect(float32ToShortestDouble(Math.fround(1e-40))).toBe(1e-40); // subnormal
    // The memo must not confuse values: the same slot, different bits.
    for (let i = 0; i < 10_000; i++) expect(Math.fround(float32ToShortestDouble(Math.fround(i / 7)))).toBe(Math.fround(i / 7));
  });

  it('matches the toPrecision reference on random float32 bit patterns of every magnitude', () => {
    const reference = (value: number) => {
      for (let digits = 1; digits <= 9; digits++) {
        const candidate = Number(value.toPrecision(digits));
        if (Math.fround(candidate) === value) return candidate;
      }
      return value;
    };
    const bits = new Uint32Array(1);
    const asFloat = new Float32Array(bits.buffer);
    let seed = 12345;
    for (let i = 0; i < 100_000; i++) {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      bits[0] = seed;
      const value = asFloat[0]!;
      if (!Number.isFinite(value)) continue;
      if (float32ToShortestDouble(value) !== reference(value)) {
        expect(float32ToShortestDouble(value), `bits ${seed.toString(16)}`).toBe(reference(value));
      }
    }
  });
});

describe('TOB1 type names', () => {
  it('maps names to Campbell byte orders and sizes', () => {
    expect(parseTob1Type('IEEE4')).toEqual({ code: TypeCode.Ieee4Le, size: 4, numeric: true });
    expect(parseTob1Type('IEEE4B')?.code).toBe(TypeCode.Ieee4Be);
    expect(parseTob1Type('IEEE8B')?.code).toBe(TypeCode.Ieee8Be);
    expect(parseTob1Type('UINT2')?.code).toBe(TypeCode.Uint2Be);
    expect(parseTob1Type('ULONG')?.code).toBe(TypeCode.Uint4Le);
    expect(parseTob1Type('SecNano')).toEqual({ code: TypeCode.SecNanoLe, size: 8, numeric: false });
    expect(parseTob1Type(' ASCII(25) ')).toEqual({ code: TypeCode.Ascii, size: 25, numeric: false });
    for (const bad of ['FP3', 'ASCII()', 'ASCII(0)', 'ASCII(99999999)', '']) expect(parseTob1Type(bad), bad).toBeNull();
  });
});

describe('header CSV lines', () => {
  it('splits quoted, empty, escaped and unquoted fields', () => {
    expect(splitCsvLine('"TOA5","a,b","",x,"say ""hi"""')).toEqual(['TOA5', 'a,b', '', 'x', 'say "hi"']);
    expect(splitCsvLine('"a",')).toEqual(['a', '']);
    expect(splitCsvLine('"unclosed,field')).toBeNull();
  });
});
