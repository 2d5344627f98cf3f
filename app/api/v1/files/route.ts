// GET /api/v1/files: ledger entries of the instruments the caller may read, with size, SHA-256 and a
// download link, paged by id (`after`).
import { getDb } from '@/db/client';
import { listApiFiles } from '@/db/queries/export-files';
import { ParamError } from '@/lib/api/data-params';
import { type FileParams, parseFileParams } from '@/lib/api/file-params';
import { describeApiFile } from '@/lib/api/file-summary';
import { openPartnerCall } from '@/lib/api/partner-call';
import { apiRoute, jsonError, jsonOk } from '@/lib/api/responses';

export const dynamic = 'force-dynamic';

export const GET = apiRoute(async (request: Request) => {
  const caller = await openPartnerCall(request);
  if (caller instanceof Response) return caller;
  const url = new URL(request.url);
  let params: FileParams;
  try {
    params = parseFileParams(url.searchParams);
  } catch (error) {
    if (error instanceof ParamError) return jsonError(400, error.message);
    throw error;
  }
  const rows = await listApiFiles(getDb(), { ...params, scope: caller.instruments, afterId: params.after });
  let next: string | null = null;
  if (rows.length === params.limit) {
    const more = new URLSearchParams(url.searchParams);
    more.set('after', String(rows.at(-1)!.id));
    next = `/api/v1/files?${more}`;
  }
  return jsonOk({ files: rows.map(describeApiFile), next });
});
