// A time-height (or time-channel) image: one column per time bucket, one row per axis bin, coloured with
// viridis between the panel's range (default: 1st to 99th percentile of what is drawn), with a colour bar.
import type { DrawContext, Frame } from './render-plot';
import { text } from './render-plot';
import { colourAt } from './colormap';
import type { CurtainPanelData } from './plot-data';
import { formatValue, valueTicks } from './ticks';

const NO_DATA = '#f2f2f2';

export function drawCurtain(dc: DrawContext, frame: Frame, panel: CurtainPanelData): void {
  const { ctx, font } = dc;
  // On a log scale, zero and negative values (instrument noise) are data below the range: the lowest colour.
  const drawn = panel.scale === 'log' ? panel.grid.map((v) => (v > 0 ? Math.log10(v) : Number.isNaN(v) ? NaN : -Infinity)) : panel.grid;
  const [lo, hi] = panel.range ?? percentiles(drawn, 0.01, 0.99);
  ctx.fillStyle = NO_DATA;
  ctx.fillRect(frame.x, frame.y, frame.width, frame.height);
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) {
    text(ctx, font, 'no data', frame.x + frame.width / 2, frame.y + frame.height / 2, { size: 13, align: 'center', colour: '#888888' });
    return;
  }
  const span = hi > lo ? hi - lo : 1;
  const image = ctx.createImageData(frame.width, frame.height);
  for (let px = 0; px < frame.width; px++) {
    const x = Math.min(panel.nx - 1, Math.floor((px / frame.width) * panel.nx));
    for (let py = 0; py < frame.height; py++) {
      const y = Math.min(panel.ny - 1, Math.floor(((frame.height - 1 - py) / frame.height) * panel.ny));
      const v = drawn[x * panel.ny + y]!;
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
  drawHeightAxis(dc, frame, panel);
  drawColourBar(dc, frame, lo, hi, panel.scale === 'log' ? `log10 ${panel.unit ?? ''}`.trim() : (panel.unit ?? ''));
}

function drawHeightAxis({ ctx, font }: DrawContext, frame: Frame, panel: CurtainPanelData): void {
  const values = panel.axis.values;
  if (values.length === 0) return;
  ctx.strokeStyle = '#333333';
  const steps = Math.min(5, values.length - 1);
  for (let k = 0; k <= steps; k++) {
    const index = steps === 0 ? 0 : Math.round((k / steps) * (values.length - 1));
    const y = Math.round(frame.y + frame.height - ((index + 0.5) / values.length) * frame.height) + 0.5;
    ctx.beginPath();
    ctx.moveTo(frame.x - 4, y);
    ctx.lineTo(frame.x, y);
    ctx.stroke();
    const v = values[index]!;
    text(ctx, font, formatValue(v, Math.abs(v) >= 100 ? 1 : 0.1), frame.x - 6, y + 4, { size: 11, align: 'right' });
  }
  ctx.save();
  ctx.translate(16, frame.y + frame.height / 2);
  ctx.rotate(-Math.PI / 2);
  text(ctx, font, panel.axis.unit ? `${panel.axis.name} (${panel.axis.unit})` : panel.axis.name, 0, 0, { size: 11, align: 'center' });
  ctx.restore();
}

function drawColourBar({ ctx, font }: DrawContext, frame: Frame, lo: number, hi: number, unit: string): void {
  const x = frame.x + frame.width + 14;
  const width = 14;
  for (let py = 0; py < frame.height; py++) {
    const [r, g, b] = colourAt(1 - py / (frame.height - 1));
    ctx.fillStyle = `rgb(${r},${g},${b})`;
    ctx.fillRect(x, frame.y + py, width, 1);
  }
  ctx.strokeStyle = '#333333';
  ctx.strokeRect(x + 0.5, frame.y + 0.5, width, frame.height);
  for (const tick of valueTicks(lo, hi, 4)) {
    const y = Math.round(frame.y + frame.height - ((tick.value - lo) / (hi - lo || 1)) * frame.height) + 0.5;
    ctx.beginPath();
    ctx.moveTo(x + width, y);
    ctx.lineTo(x + width + 4, y);
    ctx.stroke();
    text(ctx, font, tick.label, x + width + 6, y + 4, { size: 10 });
  }
  ctx.save();
  ctx.translate(x + width + 62, frame.y + frame.height / 2);
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
