// Reads what a catalogue needs from a JPEG without decoding it: the frame size (SOFn segment) and any comment
// (COM segment, where webcam software often writes the capture time). Stops at the start of the image data.
import { ParseError } from '../types';

export interface JpegHeader {
  width: number;
  height: number;
  comments: string[];
}

// SOF0..SOF15 carry the frame size, except DHT (C4), JPG (C8) and DAC (CC), which share the range.
const isStartOfFrame = (marker: number) => marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);
const START_OF_SCAN = 0xda;
const COMMENT = 0xfe;

export function readJpegHeader(bytes: Buffer, fileName: string): JpegHeader {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) throw new ParseError(fileName, 'not a JPEG: expected the SOI marker FF D8', { byteOffset: 0 });
  const comments: string[] = [];
  let size: { width: number; height: number } | null = null;
  let offset = 2;
  while (offset + 4 <= bytes.length) {
    if (bytes[offset] !== 0xff) throw new ParseError(fileName, `expected a JPEG marker (FF xx), found ${bytes[offset]!.toString(16)}`, { byteOffset: offset });
    const marker = bytes[offset + 1]!;
    if (marker === 0xff) {
      offset += 1; // fill byte
      continue;
    }
    const length = bytes.readUInt16BE(offset + 2);
    if (length < 2 || offset + 2 + length > bytes.length) throw new ParseError(fileName, `JPEG segment ${marker.toString(16)} runs past the end of the file`, { byteOffset: offset });
    const body = bytes.subarray(offset + 4, offset + 2 + length);
    if (marker === COMMENT) comments.push(body.toString('latin1').replace(/\0+$/, ''));
    if (isStartOfFrame(marker)) {
      if (body.length < 5) throw new ParseError(fileName, 'JPEG frame header is too short', { byteOffset: offset });
      size = { height: body.readUInt16BE(1), width: body.readUInt16BE(3) };
    }
    if (marker === START_OF_SCAN) break;
    offset += 2 + length;
  }
  if (!size || size.width === 0 || size.height === 0) throw new ParseError(fileName, 'JPEG has no frame header (SOF) before its image data, or a zero size');
  return { ...size, comments };
}
