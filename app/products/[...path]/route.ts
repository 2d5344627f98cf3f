// GET /products/<group>/<instrument>/...: quicklook PNGs and other products under <data>/products, for a
// viewer session (or a partner token scoped to the instrument). Safe path resolution (lib/web/safe-path.ts)
// and conditional/range handling (lib/web/file-response.ts); anything unservable is a plain 404.
import path from 'node:path';
import { canSeeInstrument, requireApiAccess } from '@/lib/auth/api-access';
import { getEnv } from '@/lib/env';
import { fileNotFound as notFound, fileResponse } from '@/lib/web/file-response';
import { resolveInside } from '@/lib/web/safe-path';

export const dynamic = 'force-dynamic';

export async function GET(request: Request, { params }: { params: Promise<{ path: string[] }> }): Promise<Response> {
  const caller = await requireApiAccess(request);
  if (caller instanceof Response) return caller;
  const { path: segments } = await params;
  if (!canSeeInstrument(caller, segments[1] ?? '')) return notFound();
  const file = await resolveInside(path.join(getEnv().dataDir, 'products'), segments);
  if (!file) return notFound();
  // Images are re-rendered in place: revalidate every time (a 304 when unchanged), private to the session.
  // A versioned URL (`?v=<drawn at>`, app/_components/quicklooks/urls.ts) names one drawing, which the
  // browser may keep: the overview's fifty thumbnails then cost no request at all on the next visit.
  const versioned = new URL(request.url).searchParams.has('v');
  return fileResponse(request, file, { cacheControl: versioned ? 'private, max-age=31536000, immutable' : 'private, no-cache' });
}

export const HEAD = GET;
