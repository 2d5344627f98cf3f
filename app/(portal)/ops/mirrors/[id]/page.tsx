// One mirror hop in full: its audit's files page by page.
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getDb } from '@/db/client';
import { listMirrorOverviews } from '@/db/queries/mirror-status';
import { requireUser } from '@/lib/auth/session';
import { MirrorHop } from '../_components/mirror-hop';
import { RequestNotice } from '../_components/request-notice';

export const metadata: Metadata = { title: 'Mirror' };
export const dynamic = 'force-dynamic';

const PAGE_SIZE = 200;

export default async function MirrorPage({ params, searchParams }: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { id } = await params;
  await requireUser('operator', `/ops/mirrors/${encodeURIComponent(id)}`);
  const db = getDb();
  const overview = (await listMirrorOverviews(db)).find((o) => o.mirror.id === id);
  if (!overview) notFound();
  const query = await searchParams;
  const requested = Number(typeof query.page === 'string' ? query.page : 1);
  const page = Number.isSafeInteger(requested) && requested >= 1 && requested <= 1_000_000 ? requested : 1;
  const total = overview.latestAudit ? overview.latestAudit.missingOnTarget + overview.latestAudit.missingOnSource + overview.latestAudit.differs : 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  return (
    <>
      <p><Link href="/ops/mirrors">← All mirrors</Link></p>
      <h1>Mirror {id}</h1>
      <RequestNotice params={query} />
      <MirrorHop db={db} overview={overview} itemLimit={PAGE_SIZE} itemOffset={(page - 1) * PAGE_SIZE} returnTo="detail" />
      {pages > 1 ? (
        <p className="row-actions">
          {page > 1 ? <Link href={`/ops/mirrors/${id}?page=${page - 1}`}>Previous</Link> : null}
          <span className="muted">page {page} of {pages}</span>
          {page < pages ? <Link href={`/ops/mirrors/${id}?page=${page + 1}`}>Next</Link> : null}
        </p>
      ) : null}
    </>
  );
}
