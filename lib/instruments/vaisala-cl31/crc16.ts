// The CRC-16 of CL31/CL51 data messages, as the CL31 User's Guide (M210482EN, "CRC16 Checksum") gives it in C
// and cl2nc implements it: polynomial 0x1021 fed most-significant bit first, initial value 0xFFFF, result
// XORed with 0xFFFF (the catalogue's CRC-16/GENIBUS; not XMODEM, which starts at 0 and is not inverted). It
// covers every byte after SOH up to and including ETX.

const TABLE = new Uint16Array(256);
for (let byte = 0; byte < 256; byte++) {
  let crc = byte << 8;
  for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  TABLE[byte] = crc;
}

export function cl31Crc16(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let crc = 0xffff;
  for (let i = start; i < end; i++) crc = ((crc << 8) & 0xffff) ^ TABLE[((crc >> 8) ^ bytes[i]!) & 0xff]!;
  return crc ^ 0xffff;
}
