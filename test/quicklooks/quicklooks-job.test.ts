// The quicklooks job on a real database: files appended through the real append stage, PNGs written under
// products/quicklooks with their rows, an idempotent re-run, late data marking a day stale and the next run
// re-rendering it, profiles as curtains, and the generic recipe for a live kind with no module. Each image has
// a 256 px wide thumbnail beside it, recorded on its row.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadImage } from '@napi-rs/canvas';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveSeries } from '../../db/queries/series-catalog';
import { quicklooks } from '../../db/schema';
import { appendFile } from '../../lib/pipeline/append';
import { dayPlotPath, thumbnailPath } from '../../lib/quicklooks/product-paths';
import { THUMBNAIL_WIDTH } from '../../lib/quicklooks/thumbnail';
import { runQuicklooks } from '../../lib/quicklooks/run-quicklooks';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { type CampbellRow, type CampbellTable, toa5Text } from '../helpers/fixtures/campbell';
import { screenshotPath } from '../helpers/browser';
import { ensureInstrument, ledgerFetchedFile } from '../helpers/ledger';

let t: TestDatabase;
let dataDir: string;
const DAY = '2026-11-20';
const start = Date.UTC(2026, 10, 20);
const NOW = new Date(Date.UTC(2026, 10, 21, 6, 0));
const table: CampbellTable = { table: 'Met', variables: [{ name: 'AirTC_Avg', unit: 'Deg C', processing: 'Avg' }, { name: 'RH', unit: '%', processing: 'Smp' }] };
const rows = (fromMinute: number, count: number): CampbellRow[] =>
  Array.from({ length: count }, (_, i) => ({ time: start + (fromMinute + i) * 60_000, record: fromMinute + i, values: [-10 + Math.sin((fromMinute + i) / 90), 80] }));

beforeAll(async () => {
  t = await createTestDatabase();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldops-quicklooks-'));
  await ensureInstrument(t.db, 'met', 'campbell-toa5');
  await ensureInstrument(t.db, 'ceilo', 'vaisala-cl61');
  await ensureInstrument(t.db, 'van', 'campbell-dataquery');
});
afterAll(async () => {
  // The rendered images go to the CI output beside the screenshots, for a human to look at.
  for (const row of t ? await t.db.select().from(quicklooks) : []) {
    const file = path.join(dataDir, row.path);
    if (fs.existsSync(file)) fs.copyFileSync(file, screenshotPath(`quicklook-${row.instrumentId}-${row.kind}`));
  }
  await t?.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const rowsOf = (instrumentId: string) => t.db.select().from(quicklooks).where(eq(quicklooks.instrumentId, instrumentId)).orderBy(quicklooks.kind);
const isPng = (relative: string) => fs.readFileSync(path.join(dataDir, relative)).subarray(1, 4).toString() === 'PNG';
const decode = (relative: string) => loadImage(fs.readFileSync(path.join(dataDir, relative)));

describe('quicklooks job', () => {
  it("renders a day's plots and records them with the data's latest time", async () => {
    // Morning and evening only: the day has a gap in the middle.
    const id = await ledgerFetchedFile(t.db, dataDir, 'met', 'met_20261120.dat', toa5Text(table, [...rows(0, 360), ...rows(1080, 300)]));
    expect(await appendFile({ db: t.db, dataDir, fileId: id })).toMatchObject({ outcome: 'appended', staleQuicklooks: [] });
    const run = await runQuicklooks({ db: t.db, dataDir, instrumentId: 'met', day: DAY, now: NOW });
    expect(run.images.map((i) => i.kind)).toEqual(['timeseries']);
    const [row] = await rowsOf('met');
    expect(row).toMatchObject({ day: DAY, kind: 'timeseries', stale: false, path: dayPlotPath('met', DAY, 'timeseries') });
    expect(row!.path).toBe('products/quicklooks/met/2026/met_20261120_timeseries.png');
    expect(row!.dataMaxTime!.toISOString()).toBe('2026-11-20T22:59:00.000Z');
    expect(isPng(row!.path)).toBe(true);
  });

  it('writes a thumbnail beside each image, 256 px wide with the same aspect ratio, and records it', async () => {
    const [row] = await rowsOf('met');
    expect(row!.thumbnailPath).toBe('products/quicklooks/met/2026/met_20261120_timeseries.thumb.png');
    const run = await runQuicklooks({ db: t.db, dataDir, instrumentId: 'met', day: DAY, now: NOW });
    expect(run.images[0]!.thumbnailPath).toBe(thumbnailPath(run.images[0]!.path));
    const full = await decode(row!.path);
    const thumb = await decode(row!.thumbnailPath!);
    expect(full.width).toBe(1200);
    expect(thumb.width).toBe(THUMBNAIL_WIDTH);
    expect(thumb.height).toBe(Math.round((full.height * THUMBNAIL_WIDTH) / full.width));
    // Far fewer bytes than the image it stands for: the point of having it.
    const bytes = (relative: string) => fs.statSync(path.join(dataDir, relative)).size;
    expect(bytes(row!.thumbnailPath!)).toBeLessThan(bytes(row!.path) / 3);
  });

  it('is idempotent: a re-run replaces the image and keeps one row per plot, without temp files left', async () => {
    const before = await rowsOf('met');
    await runQuicklooks({ db: t.db, dataDir, instrumentId: 'met', day: DAY, now: NOW });
    const after = await rowsOf('met');
    expect(after.map((r) => [r.id, r.kind, r.path])).toEqual(before.map((r) => [r.id, r.kind, r.path]));
    expect(after[0]!.generatedAt.getTime()).toBeGreaterThanOrEqual(before[0]!.generatedAt.getTime());
    const folder = path.join(dataDir, 'products/quicklooks/met/2026');
    expect(fs.readdirSync(folder).sort()).toEqual(['met_20261120_timeseries.png', 'met_20261120_timeseries.thumb.png']);
  });

  it('marks the day stale when late data lands, and the scheduled run re-renders it', async () => {
    const rendered = (await rowsOf('met'))[0]!;
    const late = await ledgerFetchedFile(t.db, dataDir, 'met', 'met_20261120_late.dat', toa5Text(table, rows(1380, 59)));
    const result = await appendFile({ db: t.db, dataDir, fileId: late });
    expect(result).toMatchObject({ outcome: 'appended', instrumentId: 'met', staleQuicklooks: [{ day: DAY, kind: 'timeseries' }] });
    expect((await rowsOf('met'))[0]!.stale).toBe(true);

    // No day in the payload: today (no data, nothing drawn), the stale day, and the rolling 24 h.
    const run = await runQuicklooks({ db: t.db, dataDir, instrumentId: 'met', now: NOW });
    expect(run.days).toContain(DAY);
    const fresh = (await t.db.select().from(quicklooks).where(and(eq(quicklooks.instrumentId, 'met'), eq(quicklooks.day, DAY))))[0]!;
    expect(fresh.stale).toBe(false);
    expect(fresh.dataMaxTime!.toISOString()).toBe('2026-11-20T23:58:00.000Z');
    expect(fresh.generatedAt.getTime()).toBeGreaterThan(rendered.generatedAt.getTime());
    // The rolling image covers 2026-11-20 06:00 to 2026-11-21 06:00, stored under today with kind <plot>-24h.
    const rolling = (await rowsOf('met')).find((r) => r.kind === 'timeseries-24h')!;
    expect(rolling).toMatchObject({ day: '2026-11-21', path: 'products/quicklooks/met/met_last24h_timeseries.png',
      thumbnailPath: 'products/quicklooks/met/met_last24h_timeseries.thumb.png' });
    expect(isPng(rolling.path)).toBe(true);
    expect((await decode(rolling.thumbnailPath!)).width).toBe(THUMBNAIL_WIDTH);
  });

  it("re-appending the same data marks nothing stale (no new values)", async () => {
    const again = await ledgerFetchedFile(t.db, dataDir, 'met', 'met_20261120_copy.dat', toa5Text(table, rows(0, 10)));
    expect(await appendFile({ db: t.db, dataDir, fileId: again })).toMatchObject({ outcome: 'appended', valuesInserted: 0, staleQuicklooks: [] });
  });

  it('draws profiles as a curtain for a kind with a recipe', async () => {
    const axis = { name: 'range', unit: 'm', values: Array.from({ length: 512 }, (_, i) => i * 4.8) };
    const { streamId, variableIds } = await resolveSeries(t.db, 'ceilo', 'cl61_profiles', [{ name: 'beta_att', unit: 'm-1 sr-1', processing: null, shape: 'profile', axis }]);
    // Five-minute profiles over the day; the cloud layer climbs with time.
    await t.db.execute(sql`
      INSERT INTO profiles (time, stream_id, variable_id, values)
      SELECT ${new Date(start).toISOString()}::timestamptz + make_interval(mins => 5 * i), ${streamId}, ${variableIds[0]},
             array(SELECT CASE WHEN g BETWEEN 100 + i / 2 AND 130 + i / 2 THEN 1e-4 ELSE 1e-7 END FROM generate_series(1, 512) g)::real[]
      FROM generate_series(0, 287) i`);
    const run = await runQuicklooks({ db: t.db, dataDir, instrumentId: 'ceilo', day: DAY, now: NOW });
    expect(run.images.map((i) => i.kind)).toEqual(['backscatter']);
    expect(isPng(run.images[0]!.path)).toBe(true);
  });

  it('uses the generic recipe for a live kind with no module, from the variables in the database', async () => {
    const metas = [{ name: 'GPS_lat', unit: 'degree', processing: null, shape: 'scalar' as const }, { name: 'WS', unit: 'm/s', processing: null, shape: 'scalar' as const }];
    const { streamId, variableIds } = await resolveSeries(t.db, 'van', 'Public', metas);
    await t.db.execute(sql`
      INSERT INTO observations (time, stream_id, variable_id, value)
      SELECT ${new Date(start).toISOString()}::timestamptz + make_interval(secs => s), ${streamId}, v, CASE WHEN v = ${variableIds[0]} THEN 72.5 ELSE s / 3600.0 END
      FROM generate_series(0, 7199) s, unnest(${sql.param(variableIds)}::int[]) v`);
    const run = await runQuicklooks({ db: t.db, dataDir, instrumentId: 'van', day: DAY, now: NOW });
    expect(run.images.map((i) => i.kind)).toEqual(['overview']);
  });

  it('draws nothing for a day without data and refuses an unknown instrument', async () => {
    expect((await runQuicklooks({ db: t.db, dataDir, instrumentId: 'met', day: '2026-01-01', now: NOW })).images).toEqual([]);
    await expect(runQuicklooks({ db: t.db, dataDir, instrumentId: 'nope', now: NOW })).rejects.toThrow(/no instrument 'nope'/);
    await expect(runQuicklooks({ db: t.db, dataDir, instrumentId: 'met', day: '2026-02-30', now: NOW })).rejects.toThrow(/not a day/);
  });
});
