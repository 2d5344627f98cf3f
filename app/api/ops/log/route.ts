// GET /api/ops/log?component=&level=&lines=: the structured log (<data>/logs/fieldops.jsonl) as Server-Sent
// Events for the ops page's live log. Operators only: 401 without a session, 403 below operator.
import path from 'node:path';
import { getCurrentUser } from '@/lib/auth/session';
import { roleAllows } from '@/lib/auth/roles';
import { getEnv } from '@/lib/env';
import { parseLogFilter } from '@/lib/ops/control/log-filter';
import { logEventStream } from '@/lib/ops/control/log-stream';

export const dynamic = 'force-dynamic';

const json = (status: number, body: unknown) => Response.json(body, { status });

export async function GET(request: Request): Promise<Response> {
  const user = await getCurrentUser();
  if (!user) return json(401, { error: 'unauthorized' });
  if (!roleAllows(user.role, 'operator')) return json(403, { error: 'forbidden' });
  const parsed = parseLogFilter(new URL(request.url).searchParams);
  if (!parsed.ok) return json(400, { error: parsed.error });
  const file = path.join(getEnv().dataDir, 'logs', 'fieldops.jsonl');
  return new Response(logEventStream({ file, filter: parsed.filter, signal: request.signal }), {
    headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' },
  });
}
