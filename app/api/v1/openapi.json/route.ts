// GET /api/v1/openapi.json: the partner API's description. Public: it documents the API and reveals no data.
import { openApiDocument } from '@/lib/api/openapi';
import { jsonOk } from '@/lib/api/responses';

export const dynamic = 'force-dynamic';

export function GET(request: Request): Response {
  return jsonOk(openApiDocument(new URL(request.url).origin));
}
