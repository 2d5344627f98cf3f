// GET /api/v1/instruments/:id/data: the instrument's scalar series as CSV, JSON, NDJSON or netCDF-3,
// streamed. Outside the caller's scope it is a 404 like a missing instrument.
import { apiRoute, notFound } from '@/lib/api/responses';
import { exportInstrumentData } from '@/lib/api/data-export';
import { openPartnerCall } from '@/lib/api/partner-call';
import { canSeeInstrument } from '@/lib/auth/api-access';

export const dynamic = 'force-dynamic';

export const GET = apiRoute(async (request: Request, context: { params: Promise<{ id: string }> }) => {
  const caller = await openPartnerCall(request);
  if (caller instanceof Response) return caller;
  const { id } = await context.params;
  if (!canSeeInstrument(caller, id)) return notFound();
  return exportInstrumentData(request, caller, id);
});
