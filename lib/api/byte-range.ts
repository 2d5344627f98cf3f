// Serving a file with HTTP Range (one range; RFC 9110 §14) and its checksum. A malformed or multi-part
// Range header is ignored (the whole file is sent, as the RFC allows); a range that starts past the end
// is 416. The SHA-256 travels as Repr-Digest (RFC 9530), the older Digest (RFC 3230), and plain hex.
import fs from 'node:fs';
import { Readable } from 'node:stream';

export type RangeRequest = { kind: 'all' } | { kind: 'part'; start: number; end: number } | { kind: 'unsatisfiable' };

const SINGLE = /^bytes=(\d*)-(\d*)$/;

export function parseRange(header: string | null, size: number): RangeRequest {
  if (header === null) return { kind: 'all' };
  const match = SINGLE.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return { kind: 'all' };
  const [, first, last] = match;
  if (first === '') {
    // bytes=-N: the last N bytes.
    const length = Number(last);
    if (!Number.isSafeInteger(length)) return { kind: 'all' };
    if (length === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'part', start: Math.max(0, size - length), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Number(last);
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end)) return { kind: 'all' };
  if (start >= size) return { kind: 'unsatisfiable' };
  if (end < start) return { kind: 'all' };
  return { kind: 'part', start, end: Math.min(end, size - 1) };
}

export interface FileFacts {
  absolutePath: string;
  sha256Hex: string;
  contentType: string;
  downloadName: string;
}

export async function fileRangeResponse(request: Request, file: FileFacts): Promise<Response> {
  const stat = await fs.promises.stat(file.absolutePath);
  const size = stat.size;
  const etag = `"${file.sha256Hex}"`;
  const base64 = Buffer.from(file.sha256Hex, 'hex').toString('base64');
  const headers: Record<string, string> = {
    'accept-ranges': 'bytes',
    etag,
    'repr-digest': `sha-256=:${base64}:`,
    digest: `sha-256=${base64}`,
    'x-checksum-sha256': file.sha256Hex,
    'content-type': file.contentType,
    'content-disposition': `attachment; filename="${file.downloadName.replace(/[^\x20-\x7e]|["\\]/g, '_')}"`,
    'cache-control': 'private, no-cache',
  };
  if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });
  // If-Range with another validator: the file changed since the client's partial copy, so send it all.
  const ifRange = request.headers.get('if-range');
  const range = ifRange !== null && ifRange !== etag ? { kind: 'all' as const } : parseRange(request.headers.get('range'), size);
  if (range.kind === 'unsatisfiable') {
    return new Response(null, { status: 416, headers: { ...headers, 'content-range': `bytes */${size}` } });
  }
  const start = range.kind === 'part' ? range.start : 0;
  const end = range.kind === 'part' ? range.end : size - 1;
  const body = size === 0 ? null : (Readable.toWeb(fs.createReadStream(file.absolutePath, { start, end })) as ReadableStream<Uint8Array>);
  headers['content-length'] = String(size === 0 ? 0 : end - start + 1);
  if (range.kind === 'part') headers['content-range'] = `bytes ${start}-${end}/${size}`;
  return new Response(body, { status: range.kind === 'part' ? 206 : 200, headers });
}
