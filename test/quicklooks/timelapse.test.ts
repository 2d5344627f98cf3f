// The webcam timelapse on a real database and the real ffmpeg: generated JPEGs catalogued as media, one of
// them corrupt (skipped and counted), an H.264 MP4 with its index before the data (+faststart), its row,
// and a day without images making no video.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import jpeg from 'jpeg-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordMedia } from '../../db/queries/media';
import { getQuicklook, listStaleDays, markQuicklooksStale } from '../../db/queries/quicklooks';
import { ffmpegBinary } from '../../lib/quicklooks/ffmpeg-binary';
import { runTimelapses } from '../../lib/quicklooks/run-timelapse';
import { makeTimelapse, MAX_IMAGE_BYTES, TIMELAPSE_FPS } from '../../lib/quicklooks/timelapse';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { ensureInstrument } from '../helpers/ledger';

let t: TestDatabase;
let dataDir: string;
const DAY = '2026-11-20';

function frame(i: number): Buffer {
  const width = 160;
  const height = 120;
  const data = Buffer.alloc(width * height * 4);
  for (let p = 0; p < width * height; p++) {
    const x = p % width;
    data[p * 4] = (x + i * 10) % 256;
    data[p * 4 + 1] = 120;
    data[p * 4 + 2] = 255 - ((i * 20) % 256);
    data[p * 4 + 3] = 255;
  }
  return jpeg.encode({ data, width, height }, 80).data;
}

async function catalogue(name: string, bytes: Buffer, takenAt: Date): Promise<void> {
  const relative = path.posix.join('raw', 'cam', '2026', '11', '20', name);
  fs.mkdirSync(path.dirname(path.join(dataDir, relative)), { recursive: true });
  fs.writeFileSync(path.join(dataDir, relative), bytes);
  await recordMedia(t.db, { instrumentId: 'cam', path: relative, takenAt, size: bytes.length, width: 160, height: 120 });
}

/** Top-level MP4 box types in file order. */
function boxes(file: Buffer): string[] {
  const types: string[] = [];
  for (let offset = 0; offset + 8 <= file.length;) {
    const size = file.readUInt32BE(offset);
    types.push(file.toString('latin1', offset + 4, offset + 8));
    if (size < 8) break;
    offset += size;
  }
  return types;
}

beforeAll(async () => {
  t = await createTestDatabase();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldops-timelapse-'));
  await ensureInstrument(t.db, 'cam', 'webcam');
  for (let i = 0; i < 12; i++) {
    const takenAt = new Date(Date.UTC(2026, 10, 20, i, 0));
    // Image 5 is cut off half way: its header reads, its data does not decode.
    const bytes = i === 5 ? frame(i).subarray(0, 700) : frame(i);
    await catalogue(`cam_20261120_${String(i).padStart(2, '0')}00.jpg`, bytes, takenAt);
  }
});
afterAll(async () => {
  await t?.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('webcam timelapse', () => {
  it('encodes the readable images in time order into a fast-start H.264 MP4 and records it', async () => {
    const result = await makeTimelapse({ db: t.db, dataDir, instrumentId: 'cam', day: DAY });
    expect(result).toEqual({ day: DAY, frames: 11, corrupt: 1, path: 'products/timelapse/cam/2026/cam_20261120_timelapse.mp4' });
    const video = fs.readFileSync(path.join(dataDir, result.path!));
    const order = boxes(video);
    expect(order[0]).toBe('ftyp');
    expect(order.indexOf('moov')).toBeLessThan(order.indexOf('mdat'));
    const probe = execFileSync(ffmpegBinary(), ['-hide_banner', '-i', path.join(dataDir, result.path!), '-map', '0:v', '-f', 'null', '-'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(probe).toBe('');
    const row = await getQuicklook(t.db, 'cam', DAY, 'timelapse');
    expect(row).toMatchObject({ path: result.path, stale: false });
    expect(row!.dataMaxTime!.toISOString()).toBe('2026-11-20T11:00:00.000Z');
    expect(TIMELAPSE_FPS).toBeGreaterThan(0);
  });

  it('leaves out oversized files and catalogued images whose file is gone', async () => {
    const day = '2026-11-18';
    const at = (h: number) => new Date(Date.UTC(2026, 10, 18, h));
    await catalogue('cam_20261118_0000.jpg', frame(1), at(0));
    // A sparse file over the size limit: never read.
    await catalogue('cam_20261118_0100.jpg', frame(2), at(1));
    fs.truncateSync(path.join(dataDir, 'raw/cam/2026/11/20/cam_20261118_0100.jpg'), MAX_IMAGE_BYTES + 1);
    await recordMedia(t.db, { instrumentId: 'cam', path: 'raw/cam/gone.jpg', takenAt: at(2), size: 1, width: 1, height: 1 });
    expect(await makeTimelapse({ db: t.db, dataDir, instrumentId: 'cam', day })).toMatchObject({ frames: 1, corrupt: 2 });
  });

  it('makes no video for a day without images', async () => {
    expect(await makeTimelapse({ db: t.db, dataDir, instrumentId: 'cam', day: '2026-11-19' })).toEqual({ day: '2026-11-19', frames: 0, corrupt: 0, path: null });
    expect(await getQuicklook(t.db, 'cam', '2026-11-19', 'timelapse')).toBeNull();
  });

  it('remakes a stale day when a late image arrives', async () => {
    const before = (await getQuicklook(t.db, 'cam', DAY, 'timelapse'))!;
    await catalogue('cam_20261120_2300.jpg', frame(23), new Date(Date.UTC(2026, 10, 20, 23, 0)));
    expect(await markQuicklooksStale(t.db, 'cam', DAY, DAY)).toEqual([{ day: DAY, kind: 'timelapse' }]);
    expect(await listStaleDays(t.db, 'cam', 'timelapse')).toEqual([DAY]);
    const results = await runTimelapses({ db: t.db, dataDir, instrumentId: 'cam', now: new Date(Date.UTC(2026, 10, 21, 1, 0)) });
    expect(results.find((r) => r.day === DAY)).toMatchObject({ frames: 12, corrupt: 1 });
    const after = (await getQuicklook(t.db, 'cam', DAY, 'timelapse'))!;
    expect(after.stale).toBe(false);
    expect(after.dataMaxTime!.toISOString()).toBe('2026-11-20T23:00:00.000Z');
    expect(after.generatedAt.getTime()).toBeGreaterThan(before.generatedAt.getTime());
    // Nothing new since: the next scheduled run leaves the day alone.
    const again = await runTimelapses({ db: t.db, dataDir, instrumentId: 'cam', now: new Date(Date.UTC(2026, 10, 21, 1, 0)) });
    expect(again.find((r) => r.day === DAY)).toBeUndefined();
    expect((await getQuicklook(t.db, 'cam', DAY, 'timelapse'))!.generatedAt).toEqual(after.generatedAt);
  });

  it("remakes today's video on a scheduled run only when new images made it stale", async () => {
    const now = new Date(Date.UTC(2026, 10, 20, 23, 30));
    expect((await runTimelapses({ db: t.db, dataDir, instrumentId: 'cam', now })).map((r) => r.day)).not.toContain(DAY);
    await markQuicklooksStale(t.db, 'cam', DAY, DAY);
    expect((await runTimelapses({ db: t.db, dataDir, instrumentId: 'cam', now })).map((r) => r.day)).toContain(DAY);
  });
});
