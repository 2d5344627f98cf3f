// Draws one quicklook: a title, then its panels stacked top to bottom on a shared UTC time axis, as a PNG.
import { type Canvas, createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import { drawCurtain, type DrawnCurtain } from './draw-curtain';
import { drawTimeseries } from './draw-timeseries';
import { quicklookFont } from './fonts';
import type { PlotData } from './plot-data';
import { timeTicks } from './ticks';

export const PLOT_WIDTH = 1200;
const HEADER = 40;
const PANEL_TITLE = 22;
const PANEL_BODY = { timeseries: 170, curtain: 210 } as const;
const AXIS_LABELS = 30;
export const MARGIN = { left: 78, right: 120 } as const;

export interface Frame {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface DrawContext {
  ctx: SKRSContext2D;
  font: string | null;
  startMs: number;
  endMs: number;
}

export function plotHeight(plot: PlotData): number {
  return HEADER + plot.panels.reduce((h, p) => h + PANEL_TITLE + PANEL_BODY[p.type] + AXIS_LABELS, 0) + 6;
}

/** Where each panel landed on the image, and for a curtain the colour limits it used (for logs and tests). */
export type DrawnPanel = { type: 'timeseries'; title: string; frame: Frame } | ({ type: 'curtain'; title: string; frame: Frame } & DrawnCurtain);

export interface DrawnPlot {
  canvas: Canvas;
  panels: DrawnPanel[];
}

export function renderPlot(plot: PlotData): Buffer {
  return drawPlot(plot).canvas.toBuffer('image/png');
}

/**
 * The plot on a canvas, for callers that encode it more than once (the image and its thumbnail). Without a
 * font (null) every text is left out and the rest is drawn as usual.
 */
export function drawPlot(plot: PlotData, font: string | null = quicklookFont()): DrawnPlot {
  const height = plotHeight(plot);
  const canvas = createCanvas(PLOT_WIDTH, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, PLOT_WIDTH, height);
  text(ctx, font, plot.title, MARGIN.left, 26, { size: 17, bold: true });
  const dc: DrawContext = { ctx, font, startMs: plot.startMs, endMs: plot.endMs };
  const panels: DrawnPanel[] = [];
  let y = HEADER;
  for (const panel of plot.panels) {
    text(ctx, font, panel.title, MARGIN.left, y + 15, { size: 13, bold: true });
    const frame: Frame = { x: MARGIN.left, y: y + PANEL_TITLE, width: PLOT_WIDTH - MARGIN.left - MARGIN.right, height: PANEL_BODY[panel.type] };
    if (panel.type === 'timeseries') {
      drawTimeseries(dc, frame, panel);
      panels.push({ type: 'timeseries', title: panel.title, frame });
    } else {
      panels.push({ type: 'curtain', title: panel.title, frame, ...drawCurtain(dc, frame, panel) });
    }
    drawTimeAxis(dc, frame);
    y = frame.y + frame.height + AXIS_LABELS;
  }
  return { canvas, panels };
}

function drawTimeAxis({ ctx, font, startMs, endMs }: DrawContext, frame: Frame): void {
  ctx.strokeStyle = '#333333';
  ctx.lineWidth = 1;
  ctx.strokeRect(frame.x + 0.5, frame.y + 0.5, frame.width, frame.height);
  for (const tick of timeTicks(startMs, endMs)) {
    const x = Math.round(frame.x + ((tick.value - startMs) / (endMs - startMs)) * frame.width) + 0.5;
    ctx.beginPath();
    ctx.moveTo(x, frame.y + frame.height);
    ctx.lineTo(x, frame.y + frame.height + 5);
    ctx.stroke();
    text(ctx, font, tick.label, x, frame.y + frame.height + 18, { size: 11, align: 'center' });
  }
  text(ctx, font, 'UTC', frame.x + frame.width + 30, frame.y + frame.height + 18, { size: 11 });
}

export function text(
  ctx: SKRSContext2D, font: string | null, value: string, x: number, y: number,
  options: { size?: number; bold?: boolean; align?: 'left' | 'center' | 'right'; colour?: string } = {},
): void {
  if (!font || value === '') return;
  ctx.font = `${options.bold ? 'bold ' : ''}${options.size ?? 12}px ${font}`;
  ctx.textAlign = options.align ?? 'left';
  ctx.fillStyle = options.colour ?? '#222222';
  ctx.fillText(value, x, y);
}
