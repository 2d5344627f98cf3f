// One framed message -> its values. CL31/CL51 messages carry a CRC-16 on their last line: a mismatch means
// the message was damaged on the serial line, so the caller skips and counts it. A message whose CRC matches
// (or a CT25K message, which has none) but does not read is a format this parser does not understand: that is
// an error for the whole file.

import { cl31Crc16 } from './crc16';
import { decodeHexSamples } from './hex-profile';
import type { RawLine } from './lines';
import { lineText } from './lines';
import {
  LineError, heightsInMetres, parseClParameters, parseCtParameters, parseIdLine, parseSkyLine, parseStatusLine,
  type IdLine, type ProfileParameters, type SkyLine, type StatusLine,
} from './message-lines';

/** Physical unit of one profile count: (100000 srad km)^-1 = 1e-8 m-1 sr-1 (CL); (10000 srad km)^-1 (CT25K). */
const COUNT_UNIT = { CL: 1e-8, CT: 1e-7 } as const;

export interface DecodedMessage {
  id: IdLine;
  status: StatusLine;
  metres: boolean;
  sky: SkyLine | null;
  parameters: ProfileParameters | null;
  /** Attenuated backscatter in m-1 sr-1, one value per range gate. */
  profile: Float32Array | null;
}

export type DecodeResult = { ok: true; message: DecodedMessage } | { ok: false; reason: 'crc' | 'status-message' };

/** The CL31 status message (`SOH CL0100S0 STX`, sent on the `status` command) is text for people, not data. */
const STATUS_MESSAGE = /^\x01CL.\d{3}S\d?\x02?$/;

export class MessageError extends Error {
  constructor(readonly lineIndex: number, message: string) {
    super(message);
  }
}

export function decodeMessage(lines: RawLine[]): DecodeResult {
  const texts = lines.map(lineText);
  if (STATUS_MESSAGE.test(texts[0]!)) return { ok: false, reason: 'status-message' };
  const id = at(0, () => parseIdLine(texts[0]!));
  if (id.model === 'CL' && !crcMatches(lines, texts.at(-1)!)) return { ok: false, reason: 'crc' };
  if (id.model === 'CT' && texts.at(-1) !== '\x03') throw new MessageError(lines.length - 1, 'expected the CT25K end line (ETX)');
  const status = at(1, () => parseStatusLine(texts[1]!, id.model));
  const metres = heightsInMetres(status, id.model);
  const body = texts.slice(2, -1);
  return { ok: true, message: { id, status, metres, ...(id.model === 'CL' ? clBody(id, body) : ctBody(id, body)) } };
}

type Body = Pick<DecodedMessage, 'sky' | 'parameters' | 'profile'>;

/** Message 1: [parameters, profile]; message 2: sky line first. Subclass 5 (base) has no parameters or profile. */
function clBody(id: IdLine, body: string[]): Body {
  if (id.messageNumber !== 1 && id.messageNumber !== 2) throw new MessageError(0, `unsupported CL message number ${id.messageNumber}: expected 1 or 2`);
  const skyLines = id.messageNumber === 2 ? 1 : 0;
  const expected = skyLines + (id.subclass === 5 ? 0 : 2);
  if (body.length !== expected) {
    throw new MessageError(0, `CL message ${id.messageNumber} subclass ${id.subclass} has ${body.length + 3} lines, expected ${expected + 3}`);
  }
  const sky = skyLines ? at(2, () => parseSkyLine(body[0]!, 5)) : null;
  if (id.subclass === 5) return { sky, parameters: null, profile: null };
  const parameters = at(2 + skyLines, () => parseClParameters(body[skyLines]!));
  const hex = body[skyLines + 1]!;
  if (hex.length !== 5 * parameters.samples) {
    throw new MessageError(3 + skyLines, `profile line has ${hex.length} hex digits, expected 5 x ${parameters.samples} samples = ${5 * parameters.samples}`);
  }
  const profile = new Float32Array(parameters.samples);
  if (!decodeHexSamples(hex, 5, profile, 0, COUNT_UNIT.CL / (parameters.scale / 100))) {
    throw new MessageError(3 + skyLines, 'profile line holds characters that are not hexadecimal digits');
  }
  return { sky, parameters, profile };
}

/** CT25K message 1: status only; 6: plus sky condition (4 layers); 2: parameters and 16 lines of 16 samples. */
function ctBody(id: IdLine, body: string[]): Body {
  const expected = { 1: 0, 2: 17, 6: 1 }[id.messageNumber];
  if (expected === undefined) throw new MessageError(0, `unsupported CT25K message number ${id.messageNumber}: expected 1, 2 or 6`);
  if (body.length !== expected) throw new MessageError(0, `CT25K message ${id.messageNumber} has ${body.length + 3} lines, expected ${expected + 3}`);
  if (id.messageNumber === 1) return { sky: null, parameters: null, profile: null };
  if (id.messageNumber === 6) return { sky: at(2, () => parseSkyLine(body[0]!, 4)), parameters: null, profile: null };
  const parameters = at(2, () => parseCtParameters(body[0]!));
  const profile = new Float32Array(256);
  const factor = COUNT_UNIT.CT / (parameters.scale / 100);
  body.slice(1).forEach((line, i) => {
    // Each line: a 3-digit height code, then 16 samples of 4 hex digits.
    const match = /^(\d{3})([0-9A-Fa-f]{64})\s*$/.exec(line);
    if (!match) throw new MessageError(3 + i, `expected a CT25K profile line (3 digits and 64 hex digits), found ${JSON.stringify(line.slice(0, 20))}`);
    decodeHexSamples(match[2]!, 4, profile, 16 * i, factor);
  });
  return { sky: null, parameters, profile };
}

function crcMatches(lines: RawLine[], lastText: string): boolean {
  const match = /^\x03([0-9A-Fa-f]{4})\x04$/.exec(lastText);
  if (!match) return false;
  const bytes = Buffer.concat(lines.map((line) => line.bytes));
  // From the byte after SOH up to and including ETX (the first byte of the last line).
  const etxAt = bytes.length - lines.at(-1)!.bytes.length;
  return cl31Crc16(bytes, 1, etxAt + 1) === parseInt(match[1]!, 16);
}

function at<T>(lineIndex: number, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof LineError) throw new MessageError(lineIndex, error.message);
    throw error;
  }
}
