import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import jpeg from 'jpeg-js';
import { afterAll, describe, expect, it } from 'vitest';
import { ParseError } from '../../../../lib/instruments/types';
import { captureTime, parseJpeg, webcam } from '../../../../lib/instruments/webcam';
import { readJpegHeader } from '../../../../lib/instruments/webcam/jpeg-header';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldops-jpeg-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function image(width: number, height: number, comment?: string): Buffer {
  const data = Buffer.alloc(width * height * 4, 128);
  return jpeg.encode({ data, width, height, ...(comment ? { comments: [comment] } : {}) }, 70).data;
}

describe('webcam JPEG header', () => {
  it('reads the frame size and the capture time from a comment', async () => {
    const file = path.join(dir, 'a.jpg');
    fs.writeFileSync(file, image(64, 48, 'sky camera 2026-11-21T14:10:00.000Z'));
    const parsed = await parseJpeg(file, { fileName: 'a.jpg' });
    expect(parsed.meta).toEqual({ format: 'JPEG', attributes: { width: 64, height: 48, takenAt: '2026-11-21T14:10:00.000Z', comment: 'sky camera 2026-11-21T14:10:00.000Z' } });
    const batches = [];
    for await (const b of parsed.batches) batches.push(b);
    expect(batches).toEqual([]);
  });

  it('falls back to the time in the file name, then to the mtime', async () => {
    expect(captureTime([], 'cam1_20261121_1410.jpg')?.toISOString()).toBe('2026-11-21T14:10:00.000Z');
    expect(captureTime([], 'IMG_20261121T141005.jpg')?.toISOString()).toBe('2026-11-21T14:10:05.000Z');
    expect(captureTime([], 'cam1_20261341_1410.jpg')).toBeNull(); // month 13
    const file = path.join(dir, 'untitled.jpg');
    fs.writeFileSync(file, image(8, 8));
    const mtime = new Date('2026-01-02T03:04:05Z');
    fs.utimesSync(file, mtime, mtime);
    expect((await parseJpeg(file, { fileName: 'untitled.jpg' })).meta.attributes.takenAt).toBe(mtime.toISOString());
  });

  it('rejects files that are not JPEGs, truncated headers and hostile segment lengths with a ParseError', () => {
    expect(() => readJpegHeader(Buffer.from('GIF89a....'), 'x.jpg')).toThrow(/not a JPEG/);
    const good = image(16, 16);
    expect(() => readJpegHeader(good.subarray(0, 30), 'x.jpg')).toThrow(ParseError);
    const hostile = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0xff, 0xff, 0, 0]);
    expect(() => readJpegHeader(hostile, 'x.jpg')).toThrow(/runs past the end/);
    expect(() => readJpegHeader(Buffer.from([0xff, 0xd8, 0x00, 0x00, 0, 0]), 'x.jpg')).toThrow(/expected a JPEG marker/);
    expect(webcam.parserFor('a.txt', Buffer.from('hello'))).toBeNull();
  });
});
