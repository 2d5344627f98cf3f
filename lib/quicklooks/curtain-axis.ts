// The vertical axis of a curtain: which grid row each pixel row shows, and the ticks. Values always increase
// upwards (a scan stored from zenith down is not drawn upside down). A length axis (range, altitude) is drawn
// to scale, so gates of different spacing (a radar's chirp sequences) sit at their true height, with round
// ticks, in km once it reaches kilometres; any other axis (channels, scan angles) gets one equal band per row,
// labelled with the rows' own values.
import { valueTicks } from './ticks';

export interface CurtainAxis {
  name: string;
  unit: string | null;
  /** The value at each grid row (row 0 first); empty for a plain index. */
  values: number[];
}

export interface AxisLayout {
  /** The grid row shown at each pixel row, top to bottom. */
  rowAt: Int32Array;
  /** Pixel offsets from the top of the frame, with their labels. */
  ticks: { y: number; label: string }[];
  title: string;
}

const LENGTH_UNITS: Record<string, number> = { m: 1, km: 1000 };
/** Metre axes reaching this far are labelled in km: 15682 m reads worse than 15.7 km. */
const KM_FROM_METRES = 2000;
const MAX_LABELLED_ROWS = 12;

export function layoutCurtainAxis(axis: CurtainAxis, ny: number, height: number): AxisLayout {
  const values = axis.values.length === ny ? axis.values : Array.from({ length: ny }, (_, i) => i);
  const order = ascendingOrder(values);
  const metresPerUnit = axis.unit ? LENGTH_UNITS[axis.unit] : undefined;
  if (metresPerUnit !== undefined && ny > 1 && isStrictlyMonotonic(values)) return toScale(axis, values, order, height, metresPerUnit);
  return banded(axis, values, order, height);
}

/** Row indices sorted by value (ties and NaN keep their stored order). */
function ascendingOrder(values: number[]): number[] {
  const descending = values.length > 1 && values[0]! > values.at(-1)!;
  const indices = values.map((_, i) => i);
  return descending ? indices.reverse() : indices;
}

function isStrictlyMonotonic(values: number[]): boolean {
  if (values.some((v) => !Number.isFinite(v))) return false;
  const sign = Math.sign(values[1]! - values[0]!);
  return sign !== 0 && values.every((v, i) => i === 0 || Math.sign(v - values[i - 1]!) === sign);
}

function toScale(axis: CurtainAxis, values: number[], order: number[], height: number, metresPerUnit: number): AxisLayout {
  const sorted = order.map((i) => values[i]!);
  // Each row covers from its value up to the next row's; the top row gets the spacing of the one below it.
  const lo = sorted[0]!;
  const hi = sorted.at(-1)! + (sorted.at(-1)! - sorted.at(-2)!);
  const rowAt = new Int32Array(height);
  let k = 0;
  for (let py = height - 1; py >= 0; py--) {
    const v = hi - ((py + 0.5) / height) * (hi - lo);
    while (k + 1 < sorted.length && sorted[k + 1]! <= v) k++;
    rowAt[py] = order[k]!;
  }
  const inKm = hi * metresPerUnit >= KM_FROM_METRES;
  const scale = inKm ? metresPerUnit / 1000 : 1;
  const ticks = valueTicks(lo * scale, hi * scale, 5)
    .filter((t) => t.value >= lo * scale && t.value <= hi * scale)
    .map((t) => ({ y: ((hi * scale - t.value) / ((hi - lo) * scale)) * height, label: t.label }));
  return { rowAt, ticks, title: `${axis.name} (${inKm ? 'km' : axis.unit})` };
}

function banded(axis: CurtainAxis, values: number[], order: number[], height: number): AxisLayout {
  const ny = values.length;
  const rowAt = new Int32Array(height);
  for (let py = 0; py < height; py++) rowAt[py] = order[Math.min(ny - 1, Math.floor(((height - 1 - py) / height) * ny))]!;
  const steps = ny <= MAX_LABELLED_ROWS ? ny - 1 : 5;
  const ticks = Array.from({ length: steps + 1 }, (_, k) => {
    const band = steps === 0 ? 0 : Math.round((k / steps) * (ny - 1));
    return { y: height - ((band + 0.5) / ny) * height, label: compact(values[order[band]!]!) };
  });
  return { rowAt, ticks, title: axis.unit ? `${axis.name} (${axis.unit})` : axis.name };
}

/** 22.24, 4.2, 90, 1.2e+4: the value with at most four significant digits and no trailing zeros. */
function compact(value: number): string {
  return String(Number(value.toPrecision(4)));
}
