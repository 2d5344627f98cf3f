// GET /api/live/<instrument>: the instrument's live feed as Server-Sent Events (lib/live/sse-stream.ts).
// Resumes after `Last-Event-ID` (a browser reconnecting) or `?after=<id>` (the page's preload); without
// either, starts with the next record. Any number of web servers can serve it: they all LISTEN.
import { canSeeInstrument, requireApiAccess } from '@/lib/auth/api-access';
import { getDb } from '@/db/client';
import { getLiveInstrument } from '@/db/queries/live';
import { liveEventStream } from '@/lib/live/sse-stream';
import { getWebFeeds } from '@/lib/live/web-feeds';

export const dynamic = 'force-dynamic';

function cursorFrom(request: Request): number | null {
  const header = Number(request.headers.get('last-event-id'));
  if (Number.isSafeInteger(header) && header > 0) return header;
  const param = new URL(request.url).searchParams.get('after');
  const after = param === null || param === '' ? NaN : Number(param);
  return Number.isSafeInteger(after) && after >= 0 ? after : null;
}

export async function GET(request: Request, { params }: { params: Promise<{ instrument: string }> }): Promise<Response> {
  // A viewer session (or a token scoped to this instrument); 401 without one. Out of scope answers like missing.
  const caller = await requireApiAccess(request);
  if (caller instanceof Response) return caller;
  const { instrument } = await params;
  const found = canSeeInstrument(caller, instrument) ? await getLiveInstrument(getDb(), instrument) : null;
  if (!found) return new Response(`no live instrument '${instrument}'\n`, { status: 404, headers: { 'content-type': 'text/plain' } });
  const { reader, channels } = getWebFeeds();
  const stream = liveEventStream({ instrumentId: found.id, cursor: cursorFrom(request), reader, channels, signal: request.signal });
  return new Response(stream, {
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      // no-transform: compression would hold events back in its buffer.
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    },
  });
}
