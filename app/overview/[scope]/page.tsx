// The overview as served at `/` to signed-in viewers: rendered once for everybody and kept in Next's page
// cache (at most REVALIDATE_SECONDS old while visitors keep coming; older than next.config's expireTime, a
// visitor waits for a fresh rendering instead of getting the stale one). Twenty visitors then cost one
// rendering per period instead of twenty (B5). The proxy rewrites `/` here after checking the session and
// role, and never serves this path directly (proxy.ts).
//
// The [scope] segment is what keeps `next build` from rendering this page, which it would do for a page
// without one, and there is no database at build time: generateStaticParams names no scope, so `all` is
// rendered on the first request and cached from then on.
import { notFound } from 'next/navigation';
import { Overview } from '../../_components/overview/overview';

export const revalidate = 5;
export const dynamicParams = true;

export function generateStaticParams(): { scope: string }[] {
  return [];
}

export default async function CachedOverviewPage({ params }: { params: Promise<{ scope: string }> }) {
  const { scope } = await params;
  if (scope !== 'all') notFound();
  return <Overview cachedForSeconds={revalidate} />;
}
