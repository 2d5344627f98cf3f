// Viridis (perceptually uniform, readable in greyscale and by most colour-blind viewers), as 256 colours
// interpolated from its published anchors at every eighth of the range.
const VIRIDIS_ANCHORS: [number, number, number][] = [
  [0x44, 0x01, 0x54], [0x47, 0x2d, 0x7b], [0x3b, 0x52, 0x8b], [0x2c, 0x72, 0x8e], [0x21, 0x91, 0x8c],
  [0x28, 0xae, 0x80], [0x5e, 0xc9, 0x62], [0xad, 0xdc, 0x30], [0xfd, 0xe7, 0x25],
];

function buildTable(anchors: [number, number, number][]): Uint8Array {
  const table = new Uint8Array(256 * 3);
  for (let i = 0; i < 256; i++) {
    const x = (i / 255) * (anchors.length - 1);
    const k = Math.min(Math.floor(x), anchors.length - 2);
    const f = x - k;
    for (let c = 0; c < 3; c++) table[i * 3 + c] = Math.round(anchors[k]![c]! * (1 - f) + anchors[k + 1]![c]! * f);
  }
  return table;
}

export const VIRIDIS = buildTable(VIRIDIS_ANCHORS);

/** RGB of `fraction` (0..1, clamped) along the colour map. */
export function colourAt(fraction: number): [number, number, number] {
  const i = Math.round(Math.min(1, Math.max(0, fraction)) * 255) * 3;
  return [VIRIDIS[i]!, VIRIDIS[i + 1]!, VIRIDIS[i + 2]!];
}
