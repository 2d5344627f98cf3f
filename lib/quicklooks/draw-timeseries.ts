// A time-series panel: one line per variable on a shared y axis. Lines break at missing values and at gaps
// longer than the panel's gapMs, so an outage is visible instead of being bridged by a straight line.
import type { DrawContext, Frame } from './render-plot';
import { text } from './render-plot';
import type { TimeseriesPanelData } from './plot-data';
import { valueTicks } from './ticks';

export const SERIES_COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf'];

export function drawTimeseries(dc: DrawContext, frame: Frame, panel: TimeseriesPanelData): void {
  const { ctx, font, startMs, endMs } = dc;
  let min = Infinity;
  let max = -Infinity;
  for (const s of panel.series) {
    for (let i = 0; i < s.values.length; i++) {
      const v = s.values[i]!;
      if (Number.isFinite(v)) {
        if (v < min) min = v;
        if (v > max) max = v;
      }
    }
  }
  if (!Number.isFinite(min)) {
    text(ctx, font, 'no data', frame.x + frame.width / 2, frame.y + frame.height / 2, { size: 13, align: 'center', colour: '#888888' });
    return;
  }
  const pad = max > min ? (max - min) * 0.06 : Math.max(Math.abs(min) * 0.05, 1);
  const lo = min - pad;
  const hi = max + pad;
  const xOf = (t: number) => frame.x + ((t - startMs) / (endMs - startMs)) * frame.width;
  const yOf = (v: number) => frame.y + frame.height - ((v - lo) / (hi - lo)) * frame.height;

  ctx.lineWidth = 1;
  for (const tick of valueTicks(lo, hi)) {
    const y = Math.round(yOf(tick.value)) + 0.5;
    ctx.strokeStyle = '#e6e6e6';
    ctx.beginPath();
    ctx.moveTo(frame.x, y);
    ctx.lineTo(frame.x + frame.width, y);
    ctx.stroke();
    text(ctx, font, tick.label, frame.x - 6, y + 4, { size: 11, align: 'right' });
  }
  const units = [...new Set(panel.series.map((s) => s.unit).filter((u): u is string => !!u))];
  if (units.length > 0) {
    ctx.save();
    ctx.translate(16, frame.y + frame.height / 2);
    ctx.rotate(-Math.PI / 2);
    text(ctx, font, units.join(', '), 0, 0, { size: 11, align: 'center' });
    ctx.restore();
  }

  ctx.save();
  ctx.beginPath();
  ctx.rect(frame.x, frame.y, frame.width, frame.height);
  ctx.clip();
  panel.series.forEach((s, index) => {
    const colour = SERIES_COLOURS[index % SERIES_COLOURS.length]!;
    ctx.strokeStyle = colour;
    ctx.fillStyle = colour;
    ctx.lineWidth = 1.4;
    ctx.beginPath();
    for (let i = 0; i < s.values.length; i++) {
      const v = s.values[i]!;
      if (!Number.isFinite(v)) continue;
      const joined = i > 0 && Number.isFinite(s.values[i - 1]!) && s.times[i]! - s.times[i - 1]! <= panel.gapMs;
      const x = xOf(s.times[i]!);
      const y = yOf(v);
      if (joined) ctx.lineTo(x, y);
      else ctx.moveTo(x, y);
      const joinsNext = i + 1 < s.values.length && Number.isFinite(s.values[i + 1]!) && s.times[i + 1]! - s.times[i]! <= panel.gapMs;
      // A point with no neighbour on either side would draw nothing as a line: mark it with a dot.
      if (!joined && !joinsNext) ctx.fillRect(x - 1.5, y - 1.5, 3, 3);
    }
    ctx.stroke();
  });
  ctx.restore();

  let legendX = frame.x + frame.width + 10;
  let legendY = frame.y + 12;
  panel.series.forEach((s, index) => {
    const colour = SERIES_COLOURS[index % SERIES_COLOURS.length]!;
    ctx.fillStyle = colour;
    ctx.fillRect(legendX, legendY - 8, 10, 3);
    // The right margin fits about 16 characters; the end of a name (`_1`, `_Max`) is what tells lines apart.
    text(ctx, font, s.name.length > 16 ? `…${s.name.slice(-15)}` : s.name, legendX + 14, legendY - 3, { size: 10, colour });
    legendY += 15;
    if (legendY > frame.y + frame.height) {
      legendY = frame.y + 12;
      legendX += 55;
    }
  });
}
