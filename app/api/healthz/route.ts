// GET /api/healthz: unauthenticated liveness for load balancers and the supervisor's checks. It proves a
// database round trip and reports what the database can do.
import { sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { getCapabilities } from '@/db/timeseries/capabilities';

export const dynamic = 'force-dynamic';

export async function GET(): Promise<Response> {
  const started = Date.now();
  try {
    const db = getDb();
    await db.execute(sql`SELECT 1`);
    const caps = await getCapabilities(db);
    return Response.json(
      {
        ok: true,
        database: {
          reachable: true,
          latencyMs: Date.now() - started,
          postgres: caps.serverVersion,
          timescaledb: caps.timescaledb !== null,
          timescaledbVersion: caps.timescaledb,
          toolkit: caps.toolkit !== null,
        },
        uptimeSeconds: Math.round(process.uptime()),
      },
      { headers: { 'cache-control': 'no-store' } },
    );
  } catch {
    // No error text: this route is public and must not leak connection details.
    return Response.json({ ok: false, database: { reachable: false } }, { status: 503, headers: { 'cache-control': 'no-store' } });
  }
}
