// Backscatter profiles are hexadecimal two's-complement samples, most significant nibble first: 5 digits
// (20 bits) per sample in CL31/CL51 messages, 4 digits (16 bits) in CT25K's. The value in physical units is
// sample x unit / (SCALE / 100): the instrument multiplies by SCALE/100 before sending (the User's Guide: the
// backscatter SUM "multiplied by scaling factor", CT25K message 3 thresholds "internal unscaled value").
// cl2nc and cloudnetpy (cs135.py) multiply by SCALE/100 instead; both readings agree at SCALE 100, the factory
// default, and differ only on instruments set otherwise.

export function decodeHexSamples(hex: string, digits: 4 | 5, into: Float32Array, offset: number, factor: number): boolean {
  const bits = digits * 4;
  const signBit = 2 ** (bits - 1);
  const range = 2 ** bits;
  for (let i = 0; i * digits < hex.length; i++) {
    let value = 0;
    for (let d = 0; d < digits; d++) {
      const nibble = hexValue(hex.charCodeAt(i * digits + d));
      if (nibble < 0) return false;
      value = value * 16 + nibble;
    }
    into[offset + i] = (value >= signBit ? value - range : value) * factor;
  }
  return true;
}

function hexValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 65 && code <= 70) return code - 55;
  if (code >= 97 && code <= 102) return code - 87;
  return -1;
}
