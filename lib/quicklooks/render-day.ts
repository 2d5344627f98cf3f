// Renders an instrument's quicklooks for one UTC day, or for the rolling last 24 hours, and records them:
// one PNG per recipe plot and its thumbnail, written atomically, then its `quicklooks` row (with the data's
// latest time and the thumbnail's path).
import path from 'node:path';
import type { Database } from '../../db/client';
import { deleteOlderRolling, upsertQuicklook } from '../../db/queries/quicklooks';
import { type CatalogVariable, readDataMaxTime, type Window } from '../../db/queries/quicklook-series';
import type { QuicklookRecipe } from '../instruments/types';
import { dayPlotPath, dayWindow, ROLLING_SUFFIX, rollingPlotPath, thumbnailPath, utcDay } from './product-paths';
import { readPlotData } from './read-plot-data';
import { drawPlot, type DrawnPanel } from './render-plot';
import { renderThumbnail } from './thumbnail';
import { writeFileAtomically } from './write-atomic';

export interface RenderTarget {
  db: Database;
  dataDir: string;
  instrument: { id: string; name: string };
  recipe: QuicklookRecipe;
  variables: CatalogVariable[];
  /** The family to draw text with; null draws the plots without text (lib/quicklooks/fonts.ts). */
  font: string | null;
}

export interface RenderedImage {
  kind: string;
  path: string;
  thumbnailPath: string;
  bytes: number;
  /** Each panel's place on the image and, for curtains, the colour limits drawn. */
  panels: DrawnPanel[];
}

/** The day's plots. Nothing is written for a day without data (an empty image helps nobody). */
export async function renderDay(target: RenderTarget, day: string): Promise<RenderedImage[]> {
  const window = dayWindow(day);
  const dataMaxTime = await readDataMaxTime(target.db, target.instrument.id, window);
  if (!dataMaxTime) return [];
  return renderPlots(target, window, dataMaxTime, (plot) => ({
    day, kind: plot, relativePath: dayPlotPath(target.instrument.id, day, plot), title: `${label(target)} · ${day}`,
  }));
}

/** The last 24 hours up to `now`, stored with today's (UTC) date and kind `<plot>-24h`. */
export async function renderRolling(target: RenderTarget, now: Date): Promise<RenderedImage[]> {
  const to = new Date(Math.ceil(now.getTime() / 60_000) * 60_000);
  const window = { from: new Date(to.getTime() - 86_400_000), to };
  const dataMaxTime = await readDataMaxTime(target.db, target.instrument.id, window);
  if (!dataMaxTime) return [];
  const day = utcDay(now);
  const stamp = `${to.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  const images = await renderPlots(target, window, dataMaxTime, (plot) => ({
    day, kind: `${plot}${ROLLING_SUFFIX}`, relativePath: rollingPlotPath(target.instrument.id, plot), title: `${label(target)} · last 24 h to ${stamp}`,
  }));
  for (const image of images) await deleteOlderRolling(target.db, target.instrument.id, image.kind, day);
  return images;
}

const label = ({ instrument }: RenderTarget) => (instrument.name === instrument.id ? instrument.id : `${instrument.name} (${instrument.id})`);

async function renderPlots(
  target: RenderTarget, window: Window, dataMaxTime: Date,
  naming: (plot: string) => { day: string; kind: string; relativePath: string; title: string },
): Promise<RenderedImage[]> {
  const images: RenderedImage[] = [];
  for (const plot of target.recipe.plots) {
    const { day, kind, relativePath, title } = naming(plot.name);
    const data = await readPlotData(target.db, plot, target.variables, window, `${plot.title} · ${title}`);
    const { canvas, panels } = drawPlot(data, target.font);
    const png = canvas.toBuffer('image/png');
    const thumbnail = thumbnailPath(relativePath);
    // Thumbnail first: once the row names it, it is there (a re-render replaces both in place).
    await writeFileAtomically(path.join(target.dataDir, thumbnail), renderThumbnail(canvas));
    await writeFileAtomically(path.join(target.dataDir, relativePath), png);
    await upsertQuicklook(target.db, { instrumentId: target.instrument.id, day, kind, path: relativePath, thumbnailPath: thumbnail, dataMaxTime });
    images.push({ kind, path: relativePath, thumbnailPath: thumbnail, bytes: png.length, panels });
  }
  return images;
}
