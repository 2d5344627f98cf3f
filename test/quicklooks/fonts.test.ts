// The quicklook font lookup, and the job on a machine without fonts: the lookup's sources are a parameter, so a
// test can stand for a bare container. Without any font the job still writes a valid PNG (all text left out,
// as the lookup promises), says so once in the log, and never throws; with only the font bundled in `next`
// the labels are drawn.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendFile } from '../../lib/pipeline/append';
import { FALLBACK_FONT_FAMILY, findQuicklookFont, FONT_FAMILY, type FontSources, nextBundledFont, NO_FONT_MESSAGE } from '../../lib/quicklooks/fonts';
import { runQuicklooks } from '../../lib/quicklooks/run-quicklooks';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { type CampbellRow, type CampbellTable, toa5Text } from '../helpers/fixtures/campbell';
import { ensureInstrument, ledgerFetchedFile } from '../helpers/ledger';
import { decodePng, type Pixels } from '../helpers/png-pixels';

const none = (): FontSources => ({ systemFiles: [], systemFamilies: () => [], bundledFile: () => null });
const bundledOnly = (): FontSources => ({ systemFiles: [], systemFamilies: () => [], bundledFile: nextBundledFont });

describe('findQuicklookFont', () => {
  it('finds nothing on a machine without fonts, and says what to install', () => {
    expect(findQuicklookFont(none())).toEqual({ family: null, source: 'none', detail: NO_FONT_MESSAGE });
    expect(NO_FONT_MESSAGE).toMatch(/without any text.*install a TrueType font/);
  });

  it('never throws: missing or corrupt font files and failing lookups are candidates less', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldops-fonts-'));
    const corrupt = path.join(dir, 'Broken.ttf');
    fs.writeFileSync(corrupt, 'not a font');
    const hostile: FontSources = {
      systemFiles: [path.join(dir, 'absent.ttf'), corrupt, dir],
      systemFamilies: () => { throw new Error('fontconfig exploded'); },
      bundledFile: () => { throw new Error('no next'); },
    };
    expect(findQuicklookFont(hostile)).toMatchObject({ family: null, source: 'none' });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('falls back to the Geist font the next package ships', () => {
    const bundled = nextBundledFont();
    expect(bundled).toMatch(/Geist-Regular\.ttf$/);
    expect(findQuicklookFont(bundledOnly())).toEqual({ family: FALLBACK_FONT_FAMILY, source: 'bundled', detail: bundled });
  });

  it('prefers a system font file, then a family the system has, over the bundled font', () => {
    const file = nextBundledFont()!;
    expect(findQuicklookFont({ ...bundledOnly(), systemFiles: ['/nowhere/DejaVuSans.ttf', file] })).toEqual({ family: FONT_FAMILY, source: 'system-file', detail: file });
    expect(findQuicklookFont({ ...bundledOnly(), systemFamilies: () => ['Liberation Sans'] })).toMatchObject({ family: 'Liberation Sans', source: 'system-family' });
  });
});

describe('the quicklooks job without fonts', () => {
  let t: TestDatabase;
  let dataDir: string;
  const DAY = '2026-11-20';
  const start = Date.UTC(2026, 10, 20);
  const table: CampbellTable = { table: 'Met', variables: [{ name: 'AirTC_Avg', unit: 'Deg C', processing: 'Avg' }] };
  const rows: CampbellRow[] = Array.from({ length: 1440 }, (_, i) => ({ time: start + i * 60_000, record: i, values: [-10 + 5 * Math.sin(i / 200)] }));

  beforeAll(async () => {
    t = await createTestDatabase();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldops-nofont-'));
    await ensureInstrument(t.db, 'met', 'campbell-toa5');
    const fileId = await ledgerFetchedFile(t.db, dataDir, 'met', 'met_20261120.dat', toa5Text(table, rows));
    expect(await appendFile({ db: t.db, dataDir, fileId })).toMatchObject({ outcome: 'appended' });
  });
  afterAll(async () => {
    await t?.drop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /** Dark pixels in the header band (title) and left of the first panel (axis labels): text, nothing else. */
  function textPixels(pixels: Pixels, frame: { x: number; y: number }): number {
    let dark = 0;
    for (let y = 0; y < pixels.height; y++) {
      for (let x = 0; x < frame.x - 6; x++) {
        const [r, g, b] = pixels.at(x, y);
        if (r + g + b < 450) dark++;
      }
    }
    for (let y = 0; y < frame.y - 2; y++) {
      for (let x = 0; x < pixels.width; x++) {
        const [r, g, b] = pixels.at(x, y);
        if (r + g + b < 450) dark++;
      }
    }
    return dark;
  }

  async function render(fonts: FontSources, warnings: string[]) {
    const run = await runQuicklooks({ db: t.db, dataDir, instrumentId: 'met', day: DAY, fonts, log: { warn: (m) => warnings.push(m) } });
    expect(run.images.map((i) => i.kind)).toEqual(['timeseries']);
    const pixels = await decodePng(fs.readFileSync(path.join(dataDir, run.images[0]!.path)));
    return { pixels, frame: run.images[0]!.panels[0]!.frame };
  }

  it('writes a valid PNG with the plot and no text, and logs why once', async () => {
    const warnings: string[] = [];
    const sources = none();
    const { pixels, frame } = await render(sources, warnings);
    expect([pixels.width, pixels.height]).toEqual([1200, 40 + 222 + 6]);
    expect(textPixels(pixels, frame)).toBe(0);
    // The line is there: blue pixels inside the panel.
    let blue = 0;
    for (let x = frame.x + 1; x < frame.x + frame.width; x++) for (let y = frame.y + 1; y < frame.y + frame.height; y++) if (pixels.at(x, y)[2] - pixels.at(x, y)[0] > 50) blue++;
    expect(blue).toBeGreaterThan(frame.width);
    expect(warnings).toEqual([NO_FONT_MESSAGE]);
    // The same machine does not repeat itself on every run.
    await render(sources, warnings);
    expect(warnings).toHaveLength(1);
  });

  it('draws the labels with the bundled font when that is all there is', async () => {
    const warnings: string[] = [];
    const { pixels, frame } = await render(bundledOnly(), warnings);
    expect(textPixels(pixels, frame)).toBeGreaterThan(200);
    expect(warnings).toEqual([]);
  });
});
