// A time-height (or time-channel) image: one column per time bucket, one row per axis bin (placement by
// lib/quicklooks/curtain-axis.ts), coloured with viridis between the panel's range (default: 1st to 99th
// percentile of what is drawn), with a colour bar.
import type { DrawContext, Frame } from './render-plot';
import { text } from './render-plot';
import { colourAt } from './colormap';
import { type AxisLayout, layoutCurtainAxis } from './curtain-axis';
import type { CurtainPanelData } from './plot-data';
import { valueTicks } from './ticks';

const NO_DATA = '#f2f2f2';
const COLOUR_BAR = { gap: 14, width: 14 } as const;

/** What a drawn curtain shows: its colour limits (in drawn units, log10 on a log scale) and its colour bar. */
export interface DrawnCurtain {
  colourRange: [number, number] | null;
  colourBar: Frame | null;
}

export function drawCurtain(dc: DrawContext, frame: Frame, panel: CurtainPanelData): DrawnCurtain {
  const { ctx, font } = dc;
  const drawn = scaled(panel);
  const [lo, hi] = panel.range ?? percentiles(drawn, 0.01, 0.99);
  ctx.fillStyle = NO_DATA;
  ctx.fillRect(frame.x, frame.y, frame.width, frame.height);
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) {
    text(ctx, font, 'no data', frame.x + frame.width / 2, frame.y + frame.height / 2, { size: 13, align: 'center', colour: '#888888' });
    return { colourRange: null, colourBar: null };
  }
  const span = hi > lo ? hi - lo : 1;
  const axis = layoutCurtainAxis(panel.axis, panel.ny, frame.height);
  const image = ctx.createImageData(frame.width, frame.height);
  for (let px = 0; px < frame.width; px++) {
    const x = Math.min(panel.nx - 1, Math.floor((px / frame.width) * panel.nx));
    for (let py = 0; py < frame.height; py++) {
      const v = drawn[x * panel.ny + axis.rowAt[py]!]!;
      const o = (py * frame.width + px) * 4;
      if (Number.isNaN(v)) {
        image.data[o] = 0xf2; image.data[o + 1] = 0xf2; image.data[o + 2] = 0xf2;
      } else {
        const [r, g, b] = colourAt((v - lo) / span);
        image.data[o] = r; image.data[o + 1] = g; image.data[o + 2] = b;
      }
      image.data[o + 3] = 255;
    }
  }
  ctx.putImageData(image, frame.x, frame.y);
  drawHeightAxis(dc, frame, axis);
  const bar: Frame = { x: frame.x + frame.width + COLOUR_BAR.gap, y: frame.y, width: COLOUR_BAR.width, height: frame.height };
  drawColourBar(dc, bar, lo, hi, colourBarLabel(panel));
  return { colourRange: [lo, hi], colourBar: bar };
}

/** The values as drawn. On a log or dB scale, zero and negative values (instrument noise) are data below the range: the lowest colour. */
function scaled(panel: CurtainPanelData): Float32Array {
  if (panel.scale === 'linear') return panel.grid;
  const factor = panel.scale === 'dB' ? 10 : 1;
  return panel.grid.map((v) => (v > 0 ? factor * Math.log10(v) : Number.isNaN(v) ? NaN : -Infinity));
}

/** "1" is how netCDF writes "dimensionless": printed beside a colour bar it reads like a value. */
function colourBarLabel(panel: CurtainPanelData): string {
  if (panel.unitLabel) return panel.unitLabel;
  const unit = panel.unit === '1' ? '' : (panel.unit ?? '');
  if (panel.scale === 'log') return `log10 ${unit}`.trim();
  return panel.scale === 'dB' ? `dB ${unit}`.trim() : unit;
}

function drawHeightAxis({ ctx, font }: DrawContext, frame: Frame, axis: AxisLayout): void {
  ctx.strokeStyle = '#333333';
  for (const tick of axis.ticks) {
    const y = Math.round(frame.y + tick.y) + 0.5;
    ctx.beginPath();
    ctx.moveTo(frame.x - 4, y);
    ctx.lineTo(frame.x, y);
    ctx.stroke();
    text(ctx, font, tick.label, frame.x - 6, y + 4, { size: 11, align: 'right' });
  }
  ctx.save();
  ctx.translate(16, frame.y + frame.height / 2);
  ctx.rotate(-Math.PI / 2);
  text(ctx, font, axis.title, 0, 0, { size: 11, align: 'center' });
  ctx.restore();
}

function drawColourBar({ ctx, font }: DrawContext, bar: Frame, lo: number, hi: number, unit: string): void {
  const { x, width } = bar;
  for (let py = 0; py < bar.height; py++) {
    const [r, g, b] = colourAt(1 - py / (bar.height - 1));
    ctx.fillStyle = `rgb(${r},${g},${b})`;
    ctx.fillRect(x, bar.y + py, width, 1);
  }
  ctx.strokeStyle = '#333333';
  ctx.strokeRect(x + 0.5, bar.y + 0.5, width, bar.height);
  for (const tick of valueTicks(lo, hi, 4)) {
    const y = Math.round(bar.y + bar.height - ((tick.value - lo) / (hi - lo || 1)) * bar.height) + 0.5;
    ctx.beginPath();
    ctx.moveTo(x + width, y);
    ctx.lineTo(x + width + 4, y);
    ctx.stroke();
    text(ctx, font, tick.label, x + width + 6, y + 4, { size: 10 });
  }
  ctx.save();
  ctx.translate(x + width + 62, bar.y + bar.height / 2);
  ctx.rotate(-Math.PI / 2);
  text(ctx, font, unit, 0, 0, { size: 11, align: 'center' });
  ctx.restore();
}

/** The p-th and q-th quantiles of the finite values (a sample of at most 20 000 keeps this cheap). */
export function percentiles(values: Float32Array, p: number, q: number): [number, number] {
  const finite: number[] = [];
  const stride = Math.max(1, Math.floor(values.length / 20_000));
  for (let i = 0; i < values.length; i += stride) if (Number.isFinite(values[i]!)) finite.push(values[i]!);
  if (finite.length === 0) return [NaN, NaN];
  finite.sort((a, b) => a - b);
  const at = (f: number) => finite[Math.min(finite.length - 1, Math.max(0, Math.round(f * (finite.length - 1))))]!;
  return [at(p), at(q)];
}
