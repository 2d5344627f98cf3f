// GET /api/v1/files/:id/content: the raw file from the raw store, with Range support and its SHA-256.
// A file outside the caller's scope is a 404 like a missing one.
import path from 'node:path';
import { getDb } from '@/db/client';
import { downloadable, getApiFile } from '@/db/queries/export-files';
import { fileRangeResponse } from '@/lib/api/byte-range';
import { openPartnerCall } from '@/lib/api/partner-call';
import { apiRoute, jsonError, notFound } from '@/lib/api/responses';
import { getEnv } from '@/lib/env';
import { rawFilePath } from '@/lib/pipeline/raw-store';

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
  try {
    return await fileRangeResponse(request, {
      absolutePath, sha256Hex: file.sha256!, contentType: 'application/octet-stream', downloadName: path.basename(file.relativePath),
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return jsonError(404, `not found: file ${file.id} is no longer in the raw store`);
    throw error;
  }
});
