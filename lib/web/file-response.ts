// Serves one file from disk as an HTTP response: conditional requests (ETag, Last-Modified → 304), byte
// ranges (206, 416) so that browsers can seek in videos, and a streamed body (a video is never buffered).
// Shared by the product and media routes and by the partner API's file content route.
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { parseRangeHeader } from './byte-ranges';
import { notModified, rangeStillValid } from './conditional';

export interface FileResponseOptions {
  /** Default: guessed from the file name's extension (contentTypeFor below). */
  contentType?: string;
  /** Default `private, no-cache` (always revalidate; a 304 costs one round trip and no bytes). */
  cacheControl?: string;
  extraHeaders?: Record<string, string>;
}

/**
 * The file at `absolutePath` (which the caller has already resolved safely, e.g. with resolveInside) as a
 * response to `request`: 200, 206, 304, 404 (missing or not a regular file) or 416. HEAD gets the headers only.
 */
export async function fileResponse(request: Request, absolutePath: string, options: FileResponseOptions = {}): Promise<Response> {
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(absolutePath, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
  } catch {
    return fileNotFound();
  }
  let handedOver = false;
  try {
    // Stat the open handle, not the path: the validators then describe exactly the bytes we send.
    const stat = await handle.stat();
    if (!stat.isFile()) return fileNotFound();
    const etag = `"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
    const lastModified = new Date(Math.floor(stat.mtimeMs / 1000) * 1000);
    const headers = new Headers({
      'content-type': options.contentType ?? contentTypeFor(absolutePath),
      'cache-control': options.cacheControl ?? 'private, no-cache',
      etag,
      'last-modified': lastModified.toUTCString(),
      'accept-ranges': 'bytes',
      'x-content-type-options': 'nosniff',
      ...options.extraHeaders,
    });
    if (notModified(request.headers, etag, lastModified)) return new Response(null, { status: 304, headers });

    let start = 0;
    let end = stat.size - 1;
    let status = 200;
    const rangeHeader = request.headers.get('range');
    if (rangeHeader !== null && rangeStillValid(request.headers, etag, lastModified)) {
      const range = parseRangeHeader(rangeHeader, stat.size);
      if (range.kind === 'unsatisfiable') {
        headers.set('content-range', `bytes */${stat.size}`);
        headers.delete('content-type');
        return new Response(null, { status: 416, headers });
      }
      if (range.kind === 'single') {
        ({ start, end } = range);
        status = 206;
        headers.set('content-range', `bytes ${start}-${end}/${stat.size}`);
      }
      // 'ignore' (malformed or several ranges): the whole file with 200, as RFC 9110 §14.2 allows.
    }
    const length = Math.max(0, end - start + 1);
    headers.set('content-length', String(length));
    if (request.method === 'HEAD' || length === 0) return new Response(null, { status, headers });
    const stream = fs.createReadStream('', { fd: handle, start, end, autoClose: true });
    handedOver = true;
    return new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, { status, headers });
  } finally {
    if (!handedOver) await handle.close().catch(() => {});
  }
}

const TYPES: Record<string, string> = {
  png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', mp4: 'video/mp4', webm: 'video/webm', json: 'application/json',
  csv: 'text/csv; charset=utf-8', txt: 'text/plain; charset=utf-8', nc: 'application/x-netcdf', zip: 'application/zip',
};

export function contentTypeFor(fileName: string): string {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
  return TYPES[ext] ?? 'application/octet-stream';
}

/** The plain 404 of the file routes: the same answer for missing, hidden and refused paths. */
export function fileNotFound(): Response {
  return plain(404, 'not found');
}

function plain(status: number, text: string): Response {
  return new Response(`${text}\n`, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });
}
