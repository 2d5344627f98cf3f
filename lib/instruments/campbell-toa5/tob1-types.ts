// TOB1 field data types, as Campbell's own reader (CsiTypes.cpp, parse_tob_data_type) maps them:
//   LSB first (little-endian): IEEE4 IEEE4L IEEE8 IEEE8L SHORT USHORT LONG ULONG SecNano
//   MSB first (big-endian):    IEEE4B IEEE8B FP2 INT2 UINT2 INT4 UINT4 NSec
//   one byte: BYTE (unsigned) INT1 BOOL BOOL8 (bit field); BOOL2, BOOL4; ASCII(n) NUL-padded text.
// Booleans decode to CRBasic's values: true = -1, false = 0 (BOOL is written as 0xFF / 0x00).

export const TypeCode = {
  Ieee4Le: 1,
  Ieee4Be: 2,
  Ieee8Le: 3,
  Ieee8Be: 4,
  Fp2: 5,
  Uint1: 6,
  Int1: 7,
  Int2Le: 8,
  Uint2Le: 9,
  Int2Be: 10,
  Uint2Be: 11,
  Int4Le: 12,
  Uint4Le: 13,
  Int4Be: 14,
  Uint4Be: 15,
  Bool1: 16,
  Bool2: 17,
  Bool4: 18,
  Bool8: 19,
  /** 4-byte seconds + 4-byte nanoseconds since 1990, a timestamp stored as a field. */
  SecNanoLe: 20,
  NSecBe: 21,
  Ascii: 22,
} as const;
export type TypeCode = (typeof TypeCode)[keyof typeof TypeCode];

const FIXED_TYPES: Record<string, { code: TypeCode; size: number }> = {
  IEEE4: { code: TypeCode.Ieee4Le, size: 4 },
  IEEE4L: { code: TypeCode.Ieee4Le, size: 4 },
  IEEE4B: { code: TypeCode.Ieee4Be, size: 4 },
  IEEE8: { code: TypeCode.Ieee8Le, size: 8 },
  IEEE8L: { code: TypeCode.Ieee8Le, size: 8 },
  IEEE8B: { code: TypeCode.Ieee8Be, size: 8 },
  FP2: { code: TypeCode.Fp2, size: 2 },
  BYTE: { code: TypeCode.Uint1, size: 1 },
  UINT1: { code: TypeCode.Uint1, size: 1 },
  INT1: { code: TypeCode.Int1, size: 1 },
  SHORT: { code: TypeCode.Int2Le, size: 2 },
  USHORT: { code: TypeCode.Uint2Le, size: 2 },
  INT2: { code: TypeCode.Int2Be, size: 2 },
  UINT2: { code: TypeCode.Uint2Be, size: 2 },
  LONG: { code: TypeCode.Int4Le, size: 4 },
  ULONG: { code: TypeCode.Uint4Le, size: 4 },
  INT4: { code: TypeCode.Int4Be, size: 4 },
  UINT4: { code: TypeCode.Uint4Be, size: 4 },
  BOOL: { code: TypeCode.Bool1, size: 1 },
  BOOL2: { code: TypeCode.Bool2, size: 2 },
  BOOL4: { code: TypeCode.Bool4, size: 4 },
  BOOL8: { code: TypeCode.Bool8, size: 1 },
  SECNANO: { code: TypeCode.SecNanoLe, size: 8 },
  NSEC: { code: TypeCode.NSecBe, size: 8 },
};

/** Largest ASCII(n) we accept; Campbell strings are at most a few kB. */
const MAX_ASCII_BYTES = 65_536;

export interface Tob1FieldType {
  code: TypeCode;
  size: number;
  /** Numeric fields become variables; text and timestamp fields do not. */
  numeric: boolean;
}

/** Parses a header line 5 type name; null when it is not a TOB1 type. */
export function parseTob1Type(name: string): Tob1FieldType | null {
  const upper = name.trim().toUpperCase();
  const ascii = /^ASCII\((\d+)\)$/.exec(upper);
  if (ascii) {
    const size = Number(ascii[1]);
    if (size < 1 || size > MAX_ASCII_BYTES) return null;
    return { code: TypeCode.Ascii, size, numeric: false };
  }
  const fixed = FIXED_TYPES[upper];
  if (!fixed) return null;
  const numeric = fixed.code !== TypeCode.SecNanoLe && fixed.code !== TypeCode.NSecBe;
  return { code: fixed.code, size: fixed.size, numeric };
}

export const KNOWN_TOB1_TYPES = [...Object.keys(FIXED_TYPES), 'ASCII(n)'].join(', ');

/**
 * Campbell's 2-byte float, most significant byte first: bit 15 sign, bits 14-13 negative decimal exponent,
 * bits 12-0 mantissa. 0x1FFF = +INF, 0x9FFF = -INF, 0x9FFE = NaN. Computed in double precision as
 * mantissa / 10^exponent so that 26.86 reads back as exactly the number TOA5 prints.
 */
export function decodeFp2(word: number): number {
  if (word === 0x9ffe) return Number.NaN;
  if (word === 0x1fff) return Number.POSITIVE_INFINITY;
  if (word === 0x9fff) return Number.NEGATIVE_INFINITY;
  const mantissa = word & 0x1fff;
  if (mantissa === 0) return 0;
  const exponent = (word >> 13) & 3;
  const value = exponent === 0 ? mantissa : mantissa / (exponent === 1 ? 10 : exponent === 2 ? 100 : 1000);
  return word & 0x8000 ? -value : value;
}

const float32 = new Float32Array(1);
const float32Bits = new Uint32Array(float32.buffer);
/** Direct-mapped memo: logger data repeats values a lot. */
const MEMO_SIZE = 4096;
const memoBits = new Uint32Array(MEMO_SIZE).fill(0xffffffff);
const memoValues = new Float64Array(MEMO_SIZE);
const MIN_NORMAL_FLOAT32 = 1.1754943508222875e-38;
/** Powers of ten that are exact doubles, so that m / 10^k is the double nearest the decimal m e-k. */
const EXACT_POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);

/** The p-digit decimal nearest `magnitude` as a double, or NaN when the scale is not an exact power of ten. */
function nearestDecimal(magnitude: number, decimalExponent: number, digits: number): number {
  const places = digits - 1 - decimalExponent;
  if (places >= 0) {
    const scale = EXACT_POW10[places];
    return scale === undefined ? Number.NaN : Math.round(magnitude * scale) / scale;
  }
  const scale = EXACT_POW10[-places];
  return scale === undefined ? Number.NaN : Math.round(magnitude / scale) * scale;
}

function searchShortest(value: number): number {
  const magnitude = Math.abs(value);
  // Normal float32s are spaced finer than 6-digit decimals, so at most one 6-digit decimal fits and it is
  // the shortest; subnormals have fewer bits and may need fewer digits.
  const fewestDigits = magnitude < MIN_NORMAL_FLOAT32 ? 1 : 6;
  let decimalExponent = Math.floor(Math.log10(magnitude));
  if (10 ** decimalExponent > magnitude) decimalExponent--; // log10 can land one too high near powers of ten
  for (let digits = fewestDigits; digits <= 9; digits++) {
    let candidate = nearestDecimal(magnitude, decimalExponent, digits);
    if (candidate !== candidate) candidate = Math.abs(Number(value.toPrecision(digits)));
    if (Math.fround(candidate) === magnitude) return value < 0 ? -candidate : candidate;
  }
  return value;
}

/**
 * A float32 as the shortest decimal that reads back as the same float32, so an IEEE4 value in TOB1 is
 * stored as the same double as its TOA5 twin (`12.93456`, not `12.934560012817383`).
 */
export function float32ToShortestDouble(value: number): number {
  if (!Number.isFinite(value) || value === 0) return value;
  float32[0] = value;
  const bits = float32Bits[0]!;
  const slot = (bits ^ (bits >>> 12)) & (MEMO_SIZE - 1);
  if (memoBits[slot] === bits) return memoValues[slot]!;
  const shortest = searchShortest(value);
  memoBits[slot] = bits;
  memoValues[slot] = shortest;
  return shortest;
}

/** Reads one numeric field; may return NaN or +-Infinity (the caller decides what those mean). */
export function readNumber(buf: Buffer, at: number, code: TypeCode): number {
  switch (code) {
    case TypeCode.Ieee4Le:
      return float32ToShortestDouble(buf.readFloatLE(at));
    case TypeCode.Ieee4Be:
      return float32ToShortestDouble(buf.readFloatBE(at));
    case TypeCode.Ieee8Le:
      return buf.readDoubleLE(at);
    case TypeCode.Ieee8Be:
      return buf.readDoubleBE(at);
    case TypeCode.Fp2:
      return decodeFp2((buf[at]! << 8) | buf[at + 1]!);
    case TypeCode.Uint1:
    case TypeCode.Bool8:
      return buf[at]!;
    case TypeCode.Int1:
      return buf.readInt8(at);
    case TypeCode.Int2Le:
      return buf.readInt16LE(at);
    case TypeCode.Uint2Le:
      return buf.readUInt16LE(at);
    case TypeCode.Int2Be:
      return buf.readInt16BE(at);
    case TypeCode.Uint2Be:
      return buf.readUInt16BE(at);
    case TypeCode.Int4Le:
      return buf.readInt32LE(at);
    case TypeCode.Uint4Le:
      return buf.readUInt32LE(at);
    case TypeCode.Int4Be:
      return buf.readInt32BE(at);
    case TypeCode.Uint4Be:
      return buf.readUInt32BE(at);
    case TypeCode.Bool1:
      return buf[at] ? -1 : 0;
    case TypeCode.Bool2:
      return buf[at] || buf[at + 1] ? -1 : 0;
    case TypeCode.Bool4:
      return buf.readUInt32LE(at) ? -1 : 0;
    default:
      return Number.NaN;
  }
}
