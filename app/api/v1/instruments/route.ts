// GET /api/v1/instruments: the instruments the caller may read (a token's scope; all for portal users),
// with variables, time coverage and feed health.
import { getDb } from '@/db/client';
import { listInstrumentSummaries } from '@/lib/api/instrument-summary';
import { openPartnerCall } from '@/lib/api/partner-call';
import { apiRoute, jsonOk } from '@/lib/api/responses';

export const dynamic = 'force-dynamic';

export const GET = apiRoute(async (request: Request) => {
  const caller = await openPartnerCall(request);
  if (caller instanceof Response) return caller;
  const instruments = await listInstrumentSummaries(getDb(), caller.instruments);
  return jsonOk({ instruments });
});
