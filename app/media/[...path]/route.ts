// GET /media/<path under the data dir>: a catalogued webcam image (raw/<instrument>/...) or timelapse
// (products/timelapse/<instrument>/...), with Range support so videos seek. Plain HTTP, never the page's
// socket. Only files the catalogue lists are served, and their path is still resolved safely.
import { canSeeInstrument, requireApiAccess } from '@/lib/auth/api-access';
import { getDb } from '@/db/client';
import { isCataloguedMedia } from '@/db/queries/media-days';
import { isCataloguedTimelapse } from '@/db/queries/quicklooks';
import { getEnv } from '@/lib/env';
import { fileNotFound as notFound, fileResponse } from '@/lib/web/file-response';
import { resolveInside, safeSegments } from '@/lib/web/safe-path';

export const dynamic = 'force-dynamic';

export async function GET(request: Request, { params }: { params: Promise<{ path: string[] }> }): Promise<Response> {
  const caller = await requireApiAccess(request);
  if (caller instanceof Response) return caller;
  const { path: segments } = await params;
  if (!safeSegments(segments)) return notFound();
  const relative = segments.join('/');
  const isVideo = segments[0] === 'products' && segments[1] === 'timelapse';
  const instrument = isVideo ? segments[2] : segments[0] === 'raw' ? segments[1] : undefined;
  if (!instrument || !canSeeInstrument(caller, instrument)) return notFound();
  const listed = isVideo ? await isCataloguedTimelapse(getDb(), relative) : await isCataloguedMedia(getDb(), relative);
  if (!listed) return notFound();
  const file = await resolveInside(getEnv().dataDir, segments);
  if (!file) return notFound();
  // A camera image never changes once taken; a day's video is remade while the day goes on.
  return fileResponse(request, file, { cacheControl: isVideo ? 'private, no-cache' : 'private, max-age=86400' });
}

export const HEAD = GET;
