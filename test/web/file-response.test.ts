// fileResponse on real files: validators and 304, byte ranges (206, suffix, 416, several ranges, If-Range),
// HEAD, streaming a large file in pieces, and safe path resolution against traversal and symlink escapes.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRangeHeader } from '../../lib/web/byte-ranges';
import { fileResponse } from '../../lib/web/file-response';
import { resolveInside, safeSegments } from '../../lib/web/safe-path';

let dir: string;
let file: string;
let big: string;
const body = Buffer.from('0123456789abcdefghij');

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldops-file-response-'));
  fs.mkdirSync(path.join(dir, 'root', 'a'), { recursive: true });
  file = path.join(dir, 'root', 'a', 'x.png');
  fs.writeFileSync(file, body);
  big = path.join(dir, 'root', 'big.mp4');
  fs.writeFileSync(big, crypto.randomBytes(3 * 1024 * 1024 + 17));
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'outside');
  fs.symlinkSync(path.join(dir, 'secret.txt'), path.join(dir, 'root', 'escape.png'));
  fs.symlinkSync(file, path.join(dir, 'root', 'inside.png'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const get = (headers: Record<string, string> = {}, method = 'GET') => new Request('http://x/f', { method, headers });

describe('fileResponse', () => {
  it('sends the whole file with validators, type and caching headers', async () => {
    const res = await fileResponse(get(), file, { cacheControl: 'private, max-age=60', extraHeaders: { 'x-extra': '1' } });
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(body);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('content-length')).toBe(String(body.length));
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    expect(res.headers.get('cache-control')).toBe('private, max-age=60');
    expect(res.headers.get('x-extra')).toBe('1');
    expect(res.headers.get('etag')).toMatch(/^"[0-9a-f]+-[0-9a-f]+"$/);
    expect(new Date(res.headers.get('last-modified')!).getTime()).toBeGreaterThan(0);
  });

  it('answers 304 to a matching If-None-Match (also weak, also in a list) and If-Modified-Since', async () => {
    const etag = (await fileResponse(get(), file)).headers.get('etag')!;
    for (const value of [etag, `W/${etag}`, `"nope", ${etag}`, '*']) {
      const res = await fileResponse(get({ 'if-none-match': value }), file);
      expect(res.status).toBe(304);
      expect(res.body).toBeNull();
    }
    expect((await fileResponse(get({ 'if-none-match': '"other"' }), file)).status).toBe(200);
    const lastModified = (await fileResponse(get(), file)).headers.get('last-modified')!;
    expect((await fileResponse(get({ 'if-modified-since': lastModified }), file)).status).toBe(304);
    expect((await fileResponse(get({ 'if-modified-since': 'Thu, 01 Jan 1970 00:00:00 GMT' }), file)).status).toBe(200);
    expect((await fileResponse(get({ 'if-modified-since': 'garbage' }), file)).status).toBe(200);
  });

  it('serves byte ranges as 206 with Content-Range', async () => {
    const cases: [string, string, string][] = [
      ['bytes=0-3', '0123', 'bytes 0-3/20'],
      ['bytes=10-', 'abcdefghij', 'bytes 10-19/20'],
      ['bytes=-5', 'fghij', 'bytes 15-19/20'],
      ['bytes=18-1000', 'ij', 'bytes 18-19/20'],
    ];
    for (const [range, text, contentRange] of cases) {
      const res = await fileResponse(get({ range }), file);
      expect(res.status, range).toBe(206);
      expect(await res.text()).toBe(text);
      expect(res.headers.get('content-range')).toBe(contentRange);
      expect(res.headers.get('content-length')).toBe(String(text.length));
    }
  });

  it('answers 416 to a range past the end, and ignores malformed or multiple ranges (200)', async () => {
    for (const range of ['bytes=20-', 'bytes=100-200', 'bytes=-0']) {
      const res = await fileResponse(get({ range }), file);
      expect(res.status, range).toBe(416);
      expect(res.headers.get('content-range')).toBe('bytes */20');
    }
    for (const range of ['bytes=0-1,5-6', 'items=0-3', 'bytes=5-2', 'bytes=x-y', 'bytes=-', `bytes=${'9'.repeat(400)}-`, 'bytes=0-1,'.repeat(300)]) {
      const res = await fileResponse(get({ range }), file);
      expect(res.status, range.slice(0, 40)).toBe(200);
      expect(Buffer.from(await res.arrayBuffer())).toEqual(body);
    }
  });

  it('applies a range only while If-Range still names the file', async () => {
    const etag = (await fileResponse(get(), file)).headers.get('etag')!;
    expect((await fileResponse(get({ range: 'bytes=0-1', 'if-range': etag }), file)).status).toBe(206);
    expect((await fileResponse(get({ range: 'bytes=0-1', 'if-range': '"old"' }), file)).status).toBe(200);
    expect((await fileResponse(get({ range: 'bytes=0-1', 'if-range': `W/${etag}` }), file)).status).toBe(200);
  });

  it('answers HEAD with headers only, and 404 for missing files and directories', async () => {
    const head = await fileResponse(get({}, 'HEAD'), file);
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe('20');
    expect(head.body).toBeNull();
    expect((await fileResponse(get(), path.join(dir, 'nope.png'))).status).toBe(404);
    expect((await fileResponse(get(), path.join(dir, 'root'))).status).toBe(404);
  });

  it('streams a large file and a range deep inside it byte for byte', async () => {
    const expected = fs.readFileSync(big);
    const whole = await fileResponse(get(), big);
    expect(whole.headers.get('content-type')).toBe('video/mp4');
    expect(Buffer.from(await whole.arrayBuffer()).equals(expected)).toBe(true);
    const part = await fileResponse(get({ range: 'bytes=2000000-2100000' }), big);
    expect(part.status).toBe(206);
    expect(Buffer.from(await part.arrayBuffer()).equals(expected.subarray(2_000_000, 2_100_001))).toBe(true);
  });
});

describe('parseRangeHeader', () => {
  it('reads single ranges and rejects the rest', () => {
    expect(parseRangeHeader('bytes=0-0', 1)).toEqual({ kind: 'single', start: 0, end: 0 });
    expect(parseRangeHeader('bytes=0-', 0)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRangeHeader('bytes = 1-2', 10)).toEqual({ kind: 'single', start: 1, end: 2 });
    expect(parseRangeHeader('bytes=1-2, 4-5', 10)).toEqual({ kind: 'ignore' });
    expect(parseRangeHeader('bytes=-1-2', 10)).toEqual({ kind: 'ignore' });
  });
});

describe('resolveInside', () => {
  const root = () => path.join(dir, 'root');

  it('resolves plain names inside the root, through symlinks that stay inside', async () => {
    expect(await resolveInside(root(), ['a', 'x.png'])).toBe(fs.realpathSync(file));
    expect(await resolveInside(root(), ['inside.png'])).toBe(fs.realpathSync(file));
  });

  it('refuses traversal, odd encodings, hidden names, absolute paths and symlinks out', async () => {
    const attempts = [
      ['..', 'secret.txt'], ['a', '..', '..', 'secret.txt'], ['..%2fsecret.txt'], ['%2e%2e', 'secret.txt'], ['a%00.png'], ['a\u0000.png'],
      ['a/../../secret.txt'], ['/etc/passwd'], ['a\\..\\..\\secret.txt'], ['.hidden'], ['escape.png'], [], ['a', ''], ['a', 'x.png', 'more'],
      Array.from({ length: 40 }, () => 'a'), ['x'.repeat(300)], [' leading-space'],
    ];
    for (const segments of attempts) expect(await resolveInside(root(), segments), JSON.stringify(segments).slice(0, 60)).toBeNull();
    expect(safeSegments(['products', 'quicklooks', 'cl61', '2026', 'cl61_20261121_backscatter.png'])).toBe(true);
  });
});
