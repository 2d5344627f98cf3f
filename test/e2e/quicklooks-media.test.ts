// Quicklooks and webcam media over real HTTP: the production web server serving /products and /media from
// its data dir, rendered by the real jobs. Sessions required; traversal, encoded and symlink escapes refused;
// 304 on a matching ETag; Range answered with 206 and 416. In headless Chromium a quicklook loads and a
// timelapse <video> seeks (the server answered its Range request with 206), and the instrument page's
// quicklooks tab switches days through its day pickers, in the URL. The overview shows the job's thumbnail
// (served like the image), or the full image for a row drawn before thumbnails. Screenshots go to CI output.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { loadImage } from '@napi-rs/canvas';
import jpeg from 'jpeg-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordMedia } from '../../db/queries/media';
import { createUser } from '../../lib/auth/accounts';
import { appendFile } from '../../lib/pipeline/append';
import { runQuicklooks } from '../../lib/quicklooks/run-quicklooks';
import { THUMBNAIL_WIDTH } from '../../lib/quicklooks/thumbnail';
import { makeTimelapse } from '../../lib/quicklooks/timelapse';
import { signInOverHttp } from '../helpers/auth';
import { chromiumAvailable, launchBrowser, screenshotPath } from '../helpers/browser';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { type CampbellRow, toa5Text } from '../helpers/fixtures/campbell';
import { ensureInstrument, ledgerFetchedFile } from '../helpers/ledger';
import { seedQuicklook } from '../helpers/overview-data';
import { startWebServer, type TestWebServer } from '../helpers/web-server';

const PASSWORD = 'quicklooks viewer password';
const DAY = '2026-11-20';
const EARLIER_DAY = '2026-11-19';
let t: TestDatabase;
let web: TestWebServer;
let cookie: string;
let pngUrl: string;
let pngPath: string;
let thumbnailPath: string;
let videoUrl: string;
let imageUrl: string;

function frame(i: number): Buffer {
  const width = 320;
  const height = 240;
  const data = Buffer.alloc(width * height * 4);
  for (let p = 0; p < width * height; p++) {
    const x = p % width;
    const y = Math.floor(p / width);
    data[p * 4] = (x * 2 + i * 5) % 256;
    data[p * 4 + 1] = (y + i * 3) % 256;
    data[p * 4 + 2] = (x ^ y ^ (i * 7)) % 256;
    data[p * 4 + 3] = 255;
  }
  return jpeg.encode({ data, width, height }, 85).data;
}

beforeAll(async () => {
  t = await createTestDatabase();
  await ensureInstrument(t.db, 'met', 'campbell-toa5');
  await ensureInstrument(t.db, 'cam', 'webcam');
  web = await startWebServer({ databaseUrl: t.url });
  const dataDir = web.dataDir;
  await createUser(t.db, { email: 'viewer@example.org', role: 'viewer', password: PASSWORD }, { actor: 'system' });
  cookie = (await signInOverHttp(web.url, 'viewer@example.org', PASSWORD)).cookie!;

  const start = Date.UTC(2026, 10, 20);
  const table = { table: 'Met', variables: [{ name: 'AirTC_Avg', unit: 'Deg C', processing: 'Avg' }, { name: 'RH', unit: '%', processing: 'Smp' }] };
  // Two days of the met station, each appended and drawn as the jobs do it (oldest first: nothing is late).
  for (const [n, day] of [EARLIER_DAY, DAY].entries()) {
    const dayStart = Date.parse(`${day}T00:00:00Z`);
    const rows: CampbellRow[] = Array.from({ length: 1440 }, (_, i) => ({ time: dayStart + i * 60_000, record: n * 1440 + i,
      values: [-12 + 4 * Math.sin(i / 229 + n), 70 + 10 * Math.cos(i / 300 + n)] }));
    const fileId = await ledgerFetchedFile(t.db, dataDir, 'met', `met_${day.replaceAll('-', '')}.dat`, toa5Text(table, rows));
    await appendFile({ db: t.db, dataDir, fileId });
    const run = await runQuicklooks({ db: t.db, dataDir, instrumentId: 'met', day });
    if (day === DAY) {
      pngPath = run.images[0]!.path;
      thumbnailPath = run.images[0]!.thumbnailPath;
      pngUrl = `${web.url}/${pngPath}`;
    }
  }
  // An image drawn before the job wrote thumbnails: its row has none.
  await ensureInstrument(t.db, 'old', 'campbell-toa5');
  await seedQuicklook(t.db, 'old', DAY, 'timeseries', 'products/quicklooks/old/2026/old_20261120_timeseries.png');

  // Sixty frames: five seconds of video, enough to seek into.
  for (let i = 0; i < 60; i++) {
    const relative = `raw/cam/2026/11/20/cam_20261120_${String(i).padStart(3, '0')}.jpg`;
    fs.mkdirSync(path.dirname(path.join(dataDir, relative)), { recursive: true });
    const bytes = frame(i);
    fs.writeFileSync(path.join(dataDir, relative), bytes);
    await recordMedia(t.db, { instrumentId: 'cam', path: relative, takenAt: new Date(start + i * 600_000), size: bytes.length, width: 320, height: 240 });
  }
  const video = await makeTimelapse({ db: t.db, dataDir, instrumentId: 'cam', day: DAY });
  videoUrl = `${web.url}/media/${video.path}`;
  imageUrl = `${web.url}/media/raw/cam/2026/11/20/cam_20261120_000.jpg`;

  // Things that must never be served: a file outside the products, a symlink to it, an uncatalogued raw file.
  fs.writeFileSync(path.join(dataDir, 'secret.txt'), 'TOP SECRET');
  fs.symlinkSync(path.join(dataDir, 'secret.txt'), path.join(dataDir, 'products', 'quicklooks', 'met', 'escape.png'));
  fs.writeFileSync(path.join(dataDir, 'raw', 'cam', 'uncatalogued.jpg'), frame(0));
}, 300_000);
afterAll(async () => {
  await web?.stop();
  await t?.drop();
});

/** Navigations in a production build on a busy machine can take seconds. */
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 30_000, interval: 100 });

const authed = (url: string, headers: Record<string, string> = {}) => fetch(url, { headers: { cookie, ...headers }, redirect: 'manual' });

/** A request with the path sent exactly as written (fetch would normalise `..`). */
function rawGet(pathname: string): Promise<{ status: number; body: string; location?: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL(web.url);
    const req = http.request({ host: url.hostname, port: url.port, path: pathname, headers: { cookie } }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString('latin1')));
      res.on('end', () => resolve({ status: res.statusCode!, body, location: res.headers.location }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('product route', () => {
  it('serves a quicklook PNG to a viewer with validators and caching headers, 304 when unchanged', async () => {
    const res = await authed(pngUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('cache-control')).toBe('private, no-cache');
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.subarray(1, 4).toString()).toBe('PNG');
    const etag = res.headers.get('etag')!;
    expect(etag).toBeTruthy();
    const again = await authed(pngUrl, { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect((await authed(pngUrl, { 'if-modified-since': res.headers.get('last-modified')! })).status).toBe(304);
  });

  it('refuses requests without a session', async () => {
    expect((await fetch(pngUrl, { redirect: 'manual' })).status).toBe(401);
    expect((await fetch(pngUrl, { redirect: 'manual', headers: { cookie: 'authjs.session-token=forged' } })).status).toBe(401);
  });

  it('never leaves the products folder: traversal, encodings, NUL, absolute paths, symlinks out', async () => {
    const attempts = [
      '/products/..%2fsecret.txt', '/products/quicklooks/..%2f..%2fsecret.txt', '/products/%2e%2e/secret.txt', '/products/quicklooks/%2e%2e/%2e%2e/secret.txt',
      '/products/..%252fsecret.txt', '/products/quicklooks/met/%00.png', '/products/quicklooks/met/x%00.png', '/products/%2Fetc%2Fpasswd', '/products//etc/passwd',
      '/products/quicklooks/met/escape.png', '/products/..\\secret.txt', '/products/quicklooks/../../secret.txt', '/products/.%2e/secret.txt', '/products/%c0%ae%c0%ae/secret.txt',
      '/products/quicklooks/met/2026/%252e%252e/%252e%252e/%252e%252e/secret.txt',
    ];
    for (const attempt of attempts) {
      const res = await rawGet(attempt);
      expect(res.body, attempt).not.toContain('TOP SECRET');
      // Next.js answers `//` with a redirect to the normalised path: follow it, it must not lead anywhere either.
      const final = res.status >= 300 && res.status < 400 && res.location ? await rawGet(new URL(res.location, web.url).pathname) : res;
      expect(final.status, attempt).toBeGreaterThanOrEqual(400);
      expect(final.body, attempt).not.toContain('TOP SECRET');
    }
  });
});

describe('overview thumbnails', () => {
  it("links each instrument's thumbnail to its full image, and falls back to the image for an old row", async () => {
    const res = await authed(`${web.url}/`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(thumbnailPath).toBe('products/quicklooks/met/2026/met_20261120_timeseries.thumb.png');
    expect(html).toMatch(new RegExp(`<a href="/${pngPath}\\?v=\\d+"[^>]*><img src="/${thumbnailPath}\\?v=\\d+"`));
    const old = 'products/quicklooks/old/2026/old_20261120_timeseries.png';
    expect(html).toMatch(new RegExp(`<a href="/${old}\\?v=\\d+"[^>]*><img src="/${old}\\?v=\\d+"`));
  });

  it('serves the thumbnail as a small PNG with validators and caching headers, 304 when unchanged', async () => {
    const res = await authed(`${web.url}/${thumbnailPath}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('cache-control')).toBe('private, no-cache');
    expect(res.headers.get('last-modified')).toBeTruthy();
    const image = await loadImage(Buffer.from(await res.arrayBuffer()));
    expect(image.width).toBe(THUMBNAIL_WIDTH);
    const etag = res.headers.get('etag')!;
    expect(etag).toMatch(/^"[0-9a-f]+-[0-9a-f]+"$/);
    expect((await authed(`${web.url}/${thumbnailPath}`, { 'if-none-match': etag })).status).toBe(304);
    // The overview's versioned URL names one drawing: the browser may keep it, privately.
    const versioned = await authed(`${web.url}/${thumbnailPath}?v=1763596800000`);
    expect(versioned.status).toBe(200);
    expect(versioned.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
    expect((await fetch(`${web.url}/${thumbnailPath}`, { redirect: 'manual' })).status).toBe(401);
  });
});

describe('media route', () => {
  it('serves catalogued images and the timelapse, with Range (206, 416) and Accept-Ranges', async () => {
    const image = await authed(imageUrl);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/jpeg');
    const full = await authed(videoUrl);
    expect(full.status).toBe(200);
    expect(full.headers.get('content-type')).toBe('video/mp4');
    expect(full.headers.get('accept-ranges')).toBe('bytes');
    const bytes = Buffer.from(await full.arrayBuffer());
    const part = await authed(videoUrl, { range: 'bytes=100-1099' });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-1099/${bytes.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(bytes.subarray(100, 1100))).toBe(true);
    const tail = await authed(videoUrl, { range: 'bytes=-16' });
    expect(Buffer.from(await tail.arrayBuffer()).equals(bytes.subarray(bytes.length - 16))).toBe(true);
    const past = await authed(videoUrl, { range: `bytes=${bytes.length}-` });
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe(`bytes */${bytes.length}`);
    expect((await authed(videoUrl, { range: 'bytes=0-1,5-9' })).status).toBe(200);
  });

  it('serves only catalogued media, to signed-in users', async () => {
    expect((await authed(`${web.url}/media/raw/cam/uncatalogued.jpg`)).status).toBe(404);
    expect((await authed(`${web.url}/media/secret.txt`)).status).toBe(404);
    expect((await rawGet('/media/raw/cam/..%2f..%2fsecret.txt')).status).toBe(404);
    const anonymous = await fetch(videoUrl, { redirect: 'manual' });
    expect([401, 307]).toContain(anonymous.status);
    expect(anonymous.headers.get('content-type') ?? '').not.toContain('video');
  });
});

describe.skipIf(!chromiumAvailable())('in the browser', () => {
  it('loads a quicklook image and seeks in the timelapse video over Range requests', async () => {
    const session = await launchBrowser();
    try {
      const [name, ...value] = cookie.split('=');
      await session.browser.addCookies([{ name: name!, value: value.join('='), url: web.url }]);
      const page = await session.browser.newPage();
      const mediaResponses: { status: number; range: string | null }[] = [];
      page.on('response', (response) => {
        if (response.url().startsWith(videoUrl)) mediaResponses.push({ status: response.status(), range: response.request().headers().range ?? null });
      });
      await page.goto(`${web.url}/`);
      const loaded = await page.evaluate(async ({ png, mp4 }) => {
        const img = document.createElement('img');
        img.src = png;
        img.style.maxWidth = '100%';
        document.body.prepend(img);
        await img.decode();
        const video = document.createElement('video');
        video.controls = true;
        video.preload = 'metadata';
        video.src = mp4;
        document.body.prepend(video);
        await new Promise((resolve, reject) => {
          video.addEventListener('loadedmetadata', resolve, { once: true });
          video.addEventListener('error', () => reject(new Error(`video error ${video.error?.code}: ${video.error?.message}`)), { once: true });
        });
        video.currentTime = video.duration * 0.8;
        await new Promise((resolve) => video.addEventListener('seeked', resolve, { once: true }));
        return { naturalWidth: img.naturalWidth, duration: video.duration, currentTime: video.currentTime };
      }, { png: pngUrl, mp4: videoUrl });
      expect(loaded.naturalWidth).toBe(1200);
      expect(loaded.duration).toBeGreaterThan(4);
      expect(loaded.currentTime).toBeGreaterThan(3);
      expect(mediaResponses.some((r) => r.status === 206 && r.range !== null)).toBe(true);
      await page.screenshot({ path: screenshotPath('quicklooks-media'), fullPage: true });
      await page.goto(pngUrl);
      await page.screenshot({ path: screenshotPath('quicklook-direct') });
    } finally {
      await session.close();
    }
  });

  it('switches the instrument page\'s quicklooks between days in the URL; reload and back restore the day', async () => {
    const session = await launchBrowser();
    try {
      const [name, ...value] = cookie.split('=');
      await session.browser.addCookies([{ name: name!, value: value.join('='), url: web.url }]);
      const page = await session.browser.newPage();
      await page.setViewportSize({ width: 1280, height: 1000 });
      const search = () => new URL(page.url()).searchParams;
      const days = page.getByRole('navigation', { name: 'Quicklook days' });
      const image = page.locator('figure[data-quicklook] img').first();
      /** The day the tab shows, the first image's file, and whether the browser decoded it. */
      const shown = async () => {
        await image.scrollIntoViewIfNeeded();
        return {
          day: await days.locator('[aria-current="date"]').getAttribute('data-day'),
          file: new URL((await image.getAttribute('src'))!, web.url).pathname.split('/').pop(),
          loaded: await image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0),
        };
      };
      const fileOf = (day: string) => expect.stringMatching(new RegExp(`^met_${day.replaceAll('-', '')}_.+\\.png$`));

      // Without a day the tab shows the newest one.
      await page.goto(`${web.url}/instruments/met?tab=quicklooks`);
      await poll(shown).toEqual({ day: DAY, file: fileOf(DAY), loaded: true });
      expect(await days.locator('[data-day]').evaluateAll((links) => links.map((a) => a.getAttribute('data-day')))).toEqual([DAY, EARLIER_DAY]);

      // The tab's list of days: the earlier day, in the URL, its own image loaded.
      await days.getByRole('link', { name: EARLIER_DAY }).click();
      await poll(() => search().get('day')).toBe(EARLIER_DAY);
      expect(search().get('tab')).toBe('quicklooks');
      await poll(shown).toEqual({ day: EARLIER_DAY, file: fileOf(EARLIER_DAY), loaded: true });
      const earlierUrl = page.url();
      await page.screenshot({ path: screenshotPath('instrument-quicklooks-day'), fullPage: true });

      // Reload: the same day.
      await page.reload();
      expect(page.url()).toBe(earlierUrl);
      await poll(shown).toEqual({ day: EARLIER_DAY, file: fileOf(EARLIER_DAY), loaded: true });

      // The page's date field picks a day too; back returns to the earlier day, forward to the picked one.
      await page.locator('input[type="date"][name="day"]').fill(DAY);
      await poll(() => search().get('day')).toBe(DAY);
      expect(search().get('tab')).toBe('quicklooks');
      await poll(shown).toEqual({ day: DAY, file: fileOf(DAY), loaded: true });
      await page.goBack();
      await poll(() => page.url()).toBe(earlierUrl);
      await poll(shown).toEqual({ day: EARLIER_DAY, file: fileOf(EARLIER_DAY), loaded: true });
      await page.goForward();
      await poll(() => search().get('day')).toBe(DAY);
      await poll(shown).toEqual({ day: DAY, file: fileOf(DAY), loaded: true });
    } finally {
      await session.close();
    }
  });
});
