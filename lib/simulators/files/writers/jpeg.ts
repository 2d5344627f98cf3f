// Baseline JPEG through jpeg-js (pure JavaScript: nothing native to build on a field laptop).
import { encode } from 'jpeg-js';

export interface RgbaImage {
  width: number;
  height: number;
  /** width x height x 4 bytes, row by row (alpha is ignored by JPEG); clamped, as a canvas holds pixels. */
  data: Uint8ClampedArray;
}

/** `comment` goes into a COM segment, where webcam software often leaves its capture time. */
export function encodeJpeg(image: RgbaImage, quality = 80, comment?: string): Buffer {
  return encode({ ...image, ...(comment ? { comments: [comment] } : {}) }, quality).data;
}
