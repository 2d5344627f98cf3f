// GET /api/instruments/<id>/series?vars=<ids>&from=<iso>&to=<iso>[&method=envelope|lttb][&maxPoints=n]:
// downsampled series of an instrument's variables (scalar: min/max/mean per bucket with breaks at gaps;
// profile: a time × gate grid). A viewer session or a token scoped to the instrument; 400 names the bad
// parameter; 404 for an instrument the caller cannot see.
import { getDb } from '@/db/client';
import { getChartInstrument, listChartVariables } from '@/db/queries/chart-series';
import { apiRoute, jsonError, jsonOk } from '@/lib/api/responses';
import { canSeeInstrument, requireApiAccess } from '@/lib/auth/api-access';
import { readProfileGrid } from '@/lib/charts/read-profile';
import { readChartSeries } from '@/lib/charts/read-series';
import { parseSeriesParams } from '@/lib/charts/series-params';
import { isPlausibleId } from '@/lib/charts/view-state';

export const dynamic = 'force-dynamic';

export const GET = apiRoute(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const caller = await requireApiAccess(request);
  if (caller instanceof Response) return caller;
  const { id } = await params;
  const db = getDb();
  const instrument = isPlausibleId(id) && canSeeInstrument(caller, id) ? await getChartInstrument(db, id) : null;
  if (!instrument) return jsonError(404, 'instrument: not found');

  const parsed = parseSeriesParams(new URL(request.url).searchParams);
  if (!parsed.ok) return jsonError(400, parsed.message);
  const { vars, from, to, method, maxPoints } = parsed.value;
  const catalogue = new Map((await listChartVariables(db, instrument.id)).map((v) => [v.id, v]));
  const unknown = vars.find((v) => !catalogue.has(v));
  if (unknown !== undefined) return jsonError(400, `vars: ${unknown} is not a variable of ${instrument.id}`);

  const wanted = vars.map((v) => catalogue.get(v)!);
  const [series, profiles] = await Promise.all([
    Promise.all(wanted.filter((v) => v.shape === 'scalar').map((v) =>
      readChartSeries(db, v, { from, to, method, maxPoints, cadenceSeconds: instrument.expectedIntervalSeconds }))),
    Promise.all(wanted.filter((v) => v.shape === 'profile').map((v) => readProfileGrid(db, v, from, to))),
  ]);
  return jsonOk({ instrument: instrument.id, from: from.toISOString(), to: to.toISOString(), series, profiles });
});
