// Viridis, a perceptually uniform colour map readable in grey and by colour-blind readers: ten anchors
// from matplotlib's table, interpolated linearly.
const ANCHORS: [number, number, number][] = [
  [0x44, 0x01, 0x54], [0x48, 0x28, 0x78], [0x3e, 0x49, 0x89], [0x31, 0x68, 0x8e], [0x26, 0x82, 0x8e],
  [0x1f, 0x9e, 0x89], [0x35, 0xb7, 0x79], [0x6e, 0xce, 0x58], [0xb5, 0xde, 0x2b], [0xfd, 0xe7, 0x25],
];

/** RGB for a fraction in [0, 1] (clamped). */
export function viridis(fraction: number): [number, number, number] {
  const x = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0)) * (ANCHORS.length - 1);
  const i = Math.min(ANCHORS.length - 2, Math.floor(x));
  const f = x - i;
  const [a, b] = [ANCHORS[i]!, ANCHORS[i + 1]!];
  return [Math.round(a[0] + (b[0] - a[0]) * f), Math.round(a[1] + (b[1] - a[1]) * f), Math.round(a[2] + (b[2] - a[2]) * f)];
}

/** Colour limits that a few outliers cannot stretch: the 2nd and 98th percentiles of the values. */
export function colourLimits(values: readonly (number | null)[]): [number, number] | null {
  const finite = values.filter((v): v is number => v !== null && Number.isFinite(v)).sort((a, b) => a - b);
  if (finite.length === 0) return null;
  const lo = finite[Math.floor((finite.length - 1) * 0.02)]!;
  const hi = finite[Math.ceil((finite.length - 1) * 0.98)]!;
  return hi > lo ? [lo, hi] : [lo, lo + 1];
}
