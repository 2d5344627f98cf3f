// What one `quicklooks` job does for an instrument. With a day: render that day. Without: today, the rolling
// last 24 hours, every stale day (late data landed after it was drawn), and recent days that have appended
// data but no images yet (a backfill, or files that arrived after their day was drawn for the last time).
import type { Database } from '../../db/client';
import { getInstrumentForQuicklooks, listStaleDays, listUnrenderedDataDays } from '../../db/queries/quicklooks';
import { listInstrumentVariables } from '../../db/queries/quicklook-series';
import { instrumentKind } from '../instruments/registry';
import { type FontLog, type FontSources, quicklookFont } from './fonts';
import { effectiveRecipe } from './generic-recipe';
import { type RenderedImage, renderDay, renderRolling, type RenderTarget } from './render-day';
import { utcDay } from './product-paths';

/** How far back a scheduled run looks for days with data but no images. */
export const CATCH_UP_DAYS = 7;

export interface QuicklooksRun {
  days: string[];
  images: RenderedImage[];
}

export interface QuicklooksOptions {
  db: Database;
  dataDir: string;
  instrumentId: string;
  day?: string;
  now?: Date;
  signal?: AbortSignal;
  /** Where to look for a font (default: the system's, then the bundled one); tests stand for a bare machine. */
  fonts?: FontSources;
  /** Told once when no font is found (the job's logger; console otherwise). */
  log?: FontLog;
}

export async function runQuicklooks(options: QuicklooksOptions): Promise<QuicklooksRun> {
  const { db, dataDir, instrumentId } = options;
  const now = options.now ?? new Date();
  const instrument = await getInstrumentForQuicklooks(db, instrumentId);
  if (!instrument) throw new Error(`no instrument '${instrumentId}' in the database (is it in the config?)`);
  const variables = await listInstrumentVariables(db, instrumentId);
  const recipe = effectiveRecipe(instrumentKind(instrument.kind)?.quicklook, variables);
  const font = quicklookFont(options.fonts, options.log);
  const target: RenderTarget = { db, dataDir, instrument, recipe, variables, font };
  if (recipe.plots.length === 0) return { days: [], images: [] };

  const days = options.day ? [options.day] : await daysToRender(db, instrumentId, now);
  const images: RenderedImage[] = [];
  for (const day of days) {
    options.signal?.throwIfAborted();
    images.push(...(await renderDay(target, day)));
  }
  if (!options.day) images.push(...(await renderRolling(target, now)));
  return { days, images };
}

async function daysToRender(db: Database, instrumentId: string, now: Date): Promise<string[]> {
  const today = utcDay(now);
  const since = utcDay(new Date(now.getTime() - CATCH_UP_DAYS * 86_400_000));
  const days = new Set<string>([today]);
  for (const day of await listStaleDays(db, instrumentId)) days.add(day);
  for (const day of await listUnrenderedDataDays(db, instrumentId, since)) days.add(day);
  return [...days].sort().reverse();
}
