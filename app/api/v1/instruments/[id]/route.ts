// GET /api/v1/instruments/:id: one instrument. Outside the caller's scope it is a 404 like a missing one,
// so a token cannot learn which other instruments exist.
import { getDb } from '@/db/client';
import { getVisibleInstrument } from '@/db/queries/instrument-access';
import { apiRoute, jsonOk, notFound } from '@/lib/api/responses';
import { canSeeInstrument, requireApiAccess } from '@/lib/auth/api-access';

export const dynamic = 'force-dynamic';

export const GET = apiRoute(async (request: Request, context: { params: Promise<{ id: string }> }) => {
  const caller = await requireApiAccess(request);
  if (caller instanceof Response) return caller;
  const { id } = await context.params;
  if (!canSeeInstrument(caller, id)) return notFound();
  const instrument = await getVisibleInstrument(getDb(), id, caller.instruments);
  return instrument ? jsonOk({ instrument }) : notFound();
});
