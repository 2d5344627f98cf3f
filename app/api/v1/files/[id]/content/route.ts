// GET /api/v1/files/:id/content: the raw file from the raw store, with Range support and its SHA-256.
// A file outside the caller's scope is a 404 like a missing one.
import path from 'node:path';
import { getDb } from '@/db/client';
import { downloadable, getApiFile } from '@/db/queries/export-files';
import { openPartnerCall } from '@/lib/api/partner-call';
import { apiRoute, jsonError, notFound } from '@/lib/api/responses';
import { getEnv } from '@/lib/env';
import { rawFilePath } from '@/lib/pipeline/raw-store';
import { fileResponse } from '@/lib/web/file-response';

export const dynamic = 'force-dynamic';

export const GET = apiRoute(async (request: Request, context: { params: Promise<{ id: string }> }) => {
  const caller = await openPartnerCall(request);
  if (caller instanceof Response) return caller;
  const { id } = await context.params;
  if (!/^\d{1,15}$/.test(id)) return jsonError(400, 'id: a file id is a whole number (see GET /api/v1/files)');
  const file = await getApiFile(getDb(), Number(id), caller.instruments);
  if (!file) return notFound();
  if (!downloadable(file)) return jsonError(404, `not found: file ${file.id} has no stored content (state ${file.state})`);
  let absolutePath: string;
  try {
    absolutePath = rawFilePath(getEnv().dataDir, file.instrumentId, file.relativePath);
  } catch {
    return notFound();
  }
  const response = await fileResponse(request, absolutePath, {
    contentType: 'application/octet-stream',
    extraHeaders: { ...checksumHeaders(file.sha256!), 'content-disposition': attachment(path.basename(file.relativePath)) },
  });
  if (response.status === 404) return jsonError(404, `not found: file ${file.id} is no longer in the raw store`);
  return response;
});

/** The ledger's SHA-256 of the whole file, in the header forms clients look for (RFC 9530, RFC 3230, plain). */
function checksumHeaders(sha256Hex: string): Record<string, string> {
  const base64 = Buffer.from(sha256Hex, 'hex').toString('base64');
  return { 'repr-digest': `sha-256=:${base64}:`, digest: `sha-256=${base64}`, 'x-checksum-sha256': sha256Hex };
}

function attachment(name: string): string {
  return `attachment; filename="${name.replace(/[^\x20-\x7e]|["\\]/g, '_')}"`;
}
