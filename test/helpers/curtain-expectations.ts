// What a curtain drawn from known profiles should show, pixel row by pixel row, worked out from the data and
// the layout the quicklooks promise (lib/quicklooks/curtain-axis.ts): values increase upwards; a length axis is
// to scale (a row covers the heights between its top and bottom edge), any other axis has equal bands, one per
// axis value. Compared with what an image does show (observedRows).
import type { CurtainScale, ProfileRow } from '../../lib/instruments/types';
import { type Box, fractionsIn, type Pixels, viridisFraction } from './png-pixels';

export interface CurtainExpectation {
  variable: string;
  scale: CurtainScale;
  range?: [number, number];
  layout: 'to-scale' | 'banded';
}

/** The axis indices each pixel row shows, top row first. */
export function gatesOfRows(layout: CurtainExpectation['layout'], axis: number[], height: number): number[][] {
  const order = axis.map((_, i) => i).sort((a, b) => axis[a]! - axis[b]!);
  if (layout === 'banded') return Array.from({ length: height }, (_, py) => [order[Math.floor(((height - 1 - py) / height) * axis.length)]!]);
  const sorted = order.map((i) => axis[i]!);
  const lo = sorted[0]!;
  const hi = sorted.at(-1)! + (sorted.at(-1)! - sorted.at(-2)!);
  const at = (py: number) => hi - (py / height) * (hi - lo);
  return Array.from({ length: height }, (_, py) => {
    const inside = order.filter((i) => axis[i]! < at(py) && axis[i]! >= at(py + 1));
    if (inside.length > 0) return inside;
    const centre = at(py + 0.5);
    return [order.filter((i) => axis[i]! <= centre).at(-1) ?? order[0]!];
  });
}

/** Per pixel row: the mean of the data over the day in drawn units, held to the colour limits (null: no data). */
export function expectedRows(p: CurtainExpectation, axis: number[], rows: ProfileRow[], height: number, [lo, hi]: [number, number]): (number | null)[] {
  return gatesOfRows(p.layout, axis, height).map((gates) => {
    let sum = 0;
    let count = 0;
    for (const row of rows) {
      for (const g of gates) {
        const v = row.values[g]!;
        if (Number.isFinite(v)) {
          sum += v;
          count++;
        }
      }
    }
    if (count === 0) return null;
    const mean = sum / count;
    const value = p.scale === 'linear' ? mean : mean > 0 ? (p.scale === 'dB' ? 10 : 1) * Math.log10(mean) : lo;
    return Math.min(hi, Math.max(lo, value));
  });
}

/**
 * Pixel rows where some profile has a value (give or take a row, for the renderer's axis bins), and rows
 * where at least half the profiles have one (a persistent layer every drawn profile shows).
 */
export function rowsWithData(p: CurtainExpectation, axis: number[], rows: ProfileRow[], height: number): { anywhere: Set<number>; mostly: Set<number> } {
  const anywhere = new Set<number>();
  const mostly = new Set<number>();
  gatesOfRows(p.layout, axis, height).forEach((gates, y) => {
    const withData = rows.filter((row) => gates.some((g) => Number.isFinite(row.values[g]!))).length;
    if (withData > 0) for (const near of [y - 1, y, y + 1]) anywhere.add(near);
    if (withData >= rows.length / 2) mostly.add(y);
  });
  return { anywhere, mostly };
}

/** The x of every column of the frame holding at least one colour-map pixel. */
export function paintedColumns(pixels: Pixels, frame: Box): number[] {
  const columns: number[] = [];
  for (let x = frame.x; x < frame.x + frame.width; x++) {
    for (let y = frame.y; y < frame.y + frame.height; y++) {
      if (viridisFraction(pixels.at(x, y)) !== null) {
        columns.push(x);
        break;
      }
    }
  }
  return columns;
}

/** Per pixel row of the box: the mean value its colour-map pixels stand for (null: none in that row). */
export function observedRows(pixels: Pixels, box: Box, [lo, hi]: [number, number]): (number | null)[] {
  return fractionsIn(pixels, box).map((row) => {
    const fractions = row.filter((f): f is number => f !== null);
    return fractions.length === 0 ? null : lo + (fractions.reduce((s, f) => s + f, 0) / fractions.length) * (hi - lo);
  });
}
