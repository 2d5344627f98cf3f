// GET /api/v1/instruments: the instruments the caller may read (a token's scope; all for portal users).
import { getDb } from '@/db/client';
import { listVisibleInstruments } from '@/db/queries/instrument-access';
import { apiRoute, jsonOk } from '@/lib/api/responses';
import { requireApiAccess } from '@/lib/auth/api-access';

export const dynamic = 'force-dynamic';

export const GET = apiRoute(async (request: Request) => {
  const caller = await requireApiAccess(request);
  if (caller instanceof Response) return caller;
  const instruments = await listVisibleInstruments(getDb(), caller.instruments);
  return jsonOk({ instruments });
});
