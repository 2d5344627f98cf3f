// Where quicklook products live, relative to the data directory (the form stored in the `quicklooks` table):
//   products/quicklooks/<instrument>/<YYYY>/<instrument>_<YYYYMMDD>_<plot>.png   one instrument-day
//   products/quicklooks/<instrument>/<instrument>_last24h_<plot>.png             rolling last 24 h (kind <plot>-24h)
//   … beside each image, <same name>.thumb.png                                    its thumbnail for the overview
//   products/timelapse/<instrument>/<YYYY>/<instrument>_<YYYYMMDD>_timelapse.mp4 a webcam's day
import path from 'node:path';

export const ROLLING_SUFFIX = '-24h';

const compact = (day: string) => day.replaceAll('-', '');

export function dayPlotPath(instrumentId: string, day: string, plot: string): string {
  return path.posix.join('products', 'quicklooks', instrumentId, day.slice(0, 4), `${instrumentId}_${compact(day)}_${plot}.png`);
}

export function rollingPlotPath(instrumentId: string, plot: string): string {
  return path.posix.join('products', 'quicklooks', instrumentId, `${instrumentId}_last24h_${plot}.png`);
}

/** `x_timeseries.png` → `x_timeseries.thumb.png`, in the same folder (a plot name never holds a dot). */
export function thumbnailPath(imagePath: string): string {
  if (!imagePath.endsWith('.png')) throw new Error(`not a quicklook image path: '${imagePath}'`);
  return `${imagePath.slice(0, -'.png'.length)}.thumb.png`;
}

export function timelapsePath(instrumentId: string, day: string): string {
  return path.posix.join('products', 'timelapse', instrumentId, day.slice(0, 4), `${instrumentId}_${compact(day)}_timelapse.mp4`);
}

/** The UTC day window [00:00, 24:00) of `YYYY-MM-DD`. */
export function dayWindow(day: string): { from: Date; to: Date } {
  const from = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(from.getTime()) || from.toISOString().slice(0, 10) !== day) throw new Error(`not a day: '${day}' (expected YYYY-MM-DD)`);
  return { from, to: new Date(from.getTime() + 86_400_000) };
}

export const utcDay = (date: Date): string => date.toISOString().slice(0, 10);
