// The overview's copy of a quicklook: the rendered canvas scaled down once by the job, so a page of fifty
// instruments fetches fifty small PNGs instead of fifty full plots shrunk by the browser. 256 px wide is the
// overview's 128 px slot at twice the pixel density.
import { type Canvas, createCanvas } from '@napi-rs/canvas';

export const THUMBNAIL_WIDTH = 256;

/** Width and height of the thumbnail of a `width` x `height` image: same aspect ratio, never enlarged. */
export function thumbnailSize(width: number, height: number): { width: number; height: number } {
  if (width <= THUMBNAIL_WIDTH) return { width, height };
  return { width: THUMBNAIL_WIDTH, height: Math.max(1, Math.round((height * THUMBNAIL_WIDTH) / width)) };
}

export function renderThumbnail(source: Canvas): Buffer {
  const size = thumbnailSize(source.width, source.height);
  const canvas = createCanvas(size.width, size.height);
  const ctx = canvas.getContext('2d');
  // 'high' averages over the source pixels (mipmaps) instead of sampling them, so thin plot lines survive.
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(source, 0, 0, size.width, size.height);
  return canvas.toBuffer('image/png');
}
