// GET /api/v1/instruments/:id: one instrument. Outside the caller's scope it is a 404 like a missing one,
// so a token cannot learn which other instruments exist.
import { getDb } from '@/db/client';
import { getInstrumentSummary } from '@/lib/api/instrument-summary';
import { openPartnerCall } from '@/lib/api/partner-call';
import { apiRoute, jsonOk, notFound } from '@/lib/api/responses';
import { canSeeInstrument } from '@/lib/auth/api-access';

export const dynamic = 'force-dynamic';

export const GET = apiRoute(async (request: Request, context: { params: Promise<{ id: string }> }) => {
  const caller = await openPartnerCall(request);
  if (caller instanceof Response) return caller;
  const { id } = await context.params;
  if (!canSeeInstrument(caller, id)) return notFound();
  const instrument = await getInstrumentSummary(getDb(), id, caller.instruments);
  return instrument ? jsonOk({ instrument }) : notFound();
});
