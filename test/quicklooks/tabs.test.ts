// The quicklooks and media tabs as server components on a real database, rendered to HTML: the day's images
// with their stale badge and product URLs, day links that keep the tab, the timelapse <video> and the strip.
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MediaTab } from '../../app/instruments/[id]/_tabs/media-tab';
import { QuicklooksTab } from '../../app/instruments/[id]/_tabs/quicklooks-tab';
import { recordMedia } from '../../db/queries/media';
import { markQuicklooksStale, upsertQuicklook } from '../../db/queries/quicklooks';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { ensureInstrument } from '../helpers/ledger';

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
  // The tabs read through getDb(): point the process-wide client at this test's database.
  (globalThis as { fieldopsDb?: unknown }).fieldopsDb = t.db;
  await ensureInstrument(t.db, 'cl61', 'vaisala-cl61');
  await ensureInstrument(t.db, 'cam', 'webcam');
  for (const day of ['2026-11-19', '2026-11-20']) {
    await upsertQuicklook(t.db, { instrumentId: 'cl61', day, kind: 'backscatter', path: `products/quicklooks/cl61/2026/cl61_${day.replaceAll('-', '')}_backscatter.png`, dataMaxTime: null });
  }
  await upsertQuicklook(t.db, { instrumentId: 'cl61', day: '2026-11-20', kind: 'backscatter-24h', path: 'products/quicklooks/cl61/cl61_last24h_backscatter.png', dataMaxTime: null });
  await markQuicklooksStale(t.db, 'cl61', '2026-11-19', '2026-11-19');
  await upsertQuicklook(t.db, { instrumentId: 'cam', day: '2026-11-20', kind: 'timelapse', path: 'products/timelapse/cam/2026/cam_20261120_timelapse.mp4', dataMaxTime: null });
  for (let i = 0; i < 3; i++) {
    await recordMedia(t.db, { instrumentId: 'cam', path: `raw/cam/2026/11/20/cam_20261120_${i}000.jpg`, takenAt: new Date(Date.UTC(2026, 10, 20, i * 10)), size: 1, width: 1, height: 1 });
  }
});
afterAll(async () => {
  delete (globalThis as { fieldopsDb?: unknown }).fieldopsDb;
  await t?.drop();
});

describe('quicklooks tab', () => {
  it('shows the newest day by default with its rolling image and links to every day', async () => {
    const html = renderToStaticMarkup(await QuicklooksTab({ instrumentId: 'cl61', day: null }));
    expect(html).toContain('src="/products/quicklooks/cl61/2026/cl61_20261120_backscatter.png?v=');
    expect(html).toContain('src="/products/quicklooks/cl61/cl61_last24h_backscatter.png?v=');
    expect(html).toContain('backscatter, last 24 hours');
    expect(html).not.toContain('>stale<');
    expect(html).toMatch(/href="[^"]*\?tab=quicklooks&amp;day=2026-11-19"/);
    expect(html).toMatch(/aria-current="date"[^>]*>2026-11-20</);
  });

  it('shows a chosen day with its stale badge, and says so when a day has nothing', async () => {
    const html = renderToStaticMarkup(await QuicklooksTab({ instrumentId: 'cl61', day: '2026-11-19' }));
    expect(html).toContain('cl61_20261119_backscatter.png');
    expect(html).toContain('>stale<');
    expect(renderToStaticMarkup(await QuicklooksTab({ instrumentId: 'cl61', day: '2026-01-01' }))).toContain('No quicklooks for cl61 on 2026-01-01');
    // A day that is not a date falls back to the newest day instead of reaching the query.
    expect(renderToStaticMarkup(await QuicklooksTab({ instrumentId: 'cl61', day: "'; DROP TABLE quicklooks; --" }))).toContain('cl61_20261120_backscatter.png');
  });
});

describe('media tab', () => {
  it("shows the day's timelapse as a seekable video and a strip of its images", async () => {
    const html = renderToStaticMarkup(await MediaTab({ instrumentId: 'cam', day: null }));
    expect(html).toMatch(/<video controls="" preload="metadata" src="\/media\/products\/timelapse\/cam\/2026\/cam_20261120_timelapse\.mp4\?v=\d+"/);
    expect(html.match(/<img src="\/media\/raw\/cam\/2026\/11\/20\/cam_20261120_\d000\.jpg"/g)).toHaveLength(3);
    expect(renderToStaticMarkup(await MediaTab({ instrumentId: 'cam', day: '2026-11-21' }))).toContain('No timelapse for 2026-11-21 yet.');
  });
});
