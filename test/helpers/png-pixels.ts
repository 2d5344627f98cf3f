// Reading rendered quicklooks back: decode a PNG, and tell which pixels are colour-map colours and where on
// the map they sit, so tests can compare what an image shows with the data it was drawn from.
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { VIRIDIS } from '../../lib/quicklooks/colormap';

export type Rgb = [number, number, number];

export interface Pixels {
  width: number;
  height: number;
  at(x: number, y: number): Rgb;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Decodes a PNG; throws when it is not one. */
export async function decodePng(png: Buffer): Promise<Pixels> {
  const image = await loadImage(png);
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0);
  const data = ctx.getImageData(0, 0, image.width, image.height).data;
  return {
    width: image.width,
    height: image.height,
    at: (x, y) => {
      const o = (y * image.width + x) * 4;
      return [data[o]!, data[o + 1]!, data[o + 2]!];
    },
  };
}

const FRACTION_OF_COLOUR = new Map<number, number>();
for (let i = 255; i >= 0; i--) FRACTION_OF_COLOUR.set((VIRIDIS[i * 3]! << 16) | (VIRIDIS[i * 3 + 1]! << 8) | VIRIDIS[i * 3 + 2]!, i / 255);

/** Where on viridis (0..1) this colour is, or null when it is not one of the map's 256 colours (PNG is lossless). */
export function viridisFraction([r, g, b]: Rgb): number | null {
  return FRACTION_OF_COLOUR.get((r << 16) | (g << 8) | b) ?? null;
}

/** The map fraction of every pixel in the box, row by row (null where a pixel is not a map colour). */
export function fractionsIn(pixels: Pixels, box: Box): (number | null)[][] {
  return Array.from({ length: box.height }, (_, dy) => Array.from({ length: box.width }, (_, dx) => viridisFraction(pixels.at(box.x + dx, box.y + dy))));
}

/** How many different colours the box holds. */
export function distinctColours(pixels: Pixels, box: Box): number {
  const seen = new Set<number>();
  for (let y = box.y; y < box.y + box.height; y++) {
    for (let x = box.x; x < box.x + box.width; x++) {
      const [r, g, b] = pixels.at(x, y);
      seen.add((r << 16) | (g << 8) | b);
    }
  }
  return seen.size;
}

/** Pearson correlation of two equally long series, over the positions where both are numbers. */
export function correlation(a: (number | null)[], b: (number | null)[]): number {
  const pairs = a.flatMap((x, i) => (x !== null && b[i] !== null && Number.isFinite(x) && Number.isFinite(b[i]!) ? [[x, b[i]!] as const] : []));
  const mean = (k: 0 | 1) => pairs.reduce((s, p) => s + p[k], 0) / pairs.length;
  const [ma, mb] = [mean(0), mean(1)];
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (const [x, y] of pairs) {
    sab += (x - ma) * (y - mb);
    saa += (x - ma) ** 2;
    sbb += (y - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

/** Means of consecutive blocks of `size` entries (nulls skipped; null for a block without numbers). */
export function blockMeans(values: (number | null)[], size: number): (number | null)[] {
  const blocks: (number | null)[] = [];
  for (let i = 0; i < values.length; i += size) {
    const numbers = values.slice(i, i + size).filter((v): v is number => v !== null && Number.isFinite(v));
    blocks.push(numbers.length === 0 ? null : numbers.reduce((s, v) => s + v, 0) / numbers.length);
  }
  return blocks;
}

/** The q-quantile (nearest rank) of the finite values. */
export function quantile(values: number[], q: number): number {
  const sorted = values.filter(Number.isFinite).sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))]!;
}
