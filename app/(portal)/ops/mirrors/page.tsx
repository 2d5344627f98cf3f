// Operators: every mirror hop with its newest audit, coverage grid, history of missing counts, the first
// files it found missing, and "sync now" / "verify now".
import type { Metadata } from 'next';
import { getDb } from '@/db/client';
import { listMirrorOverviews } from '@/db/queries/mirror-status';
import { requireUser } from '@/lib/auth/session';
import { MirrorHop } from './_components/mirror-hop';
import { RequestNotice } from './_components/request-notice';

export const metadata: Metadata = { title: 'Mirrors' };
export const dynamic = 'force-dynamic';

const FIRST_ITEMS = 20;

export default async function MirrorsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireUser('operator', '/ops/mirrors');
  const db = getDb();
  const overviews = await listMirrorOverviews(db);
  return (
    <>
      <h1>Mirrors</h1>
      <RequestNotice params={await searchParams} />
      {overviews.length === 0 ? <p className="muted">No mirrors in the config.</p> : null}
      {overviews.map((overview) => (
        <MirrorHop key={overview.mirror.id} db={db} overview={overview} itemLimit={FIRST_ITEMS} returnTo="list" />
      ))}
    </>
  );
}
