// /live/<instrument>: a live feed's last two hours, then one update per record over SSE. The server
// preloads from the database; the browser (./_components/live-view.tsx) takes over from the last record.
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { requireUser } from '@/lib/auth/session';
import { getDb } from '@/db/client';
import {
  getFeedHealth, getLiveInstrument, latestLiveRecordId, type LiveInstrument, listLiveRecordsSince, listLiveVariables, maxLiveValueSince,
} from '@/db/queries/live';
import { utcMidnightMs } from '@/lib/live/feed-metrics';
import { detectRoles } from '@/lib/live/roles';
import { LiveView } from './_components/live-view';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Live feed' };

const PRELOAD_MS = 2 * 3600_000;
/** The dot turns orange after this long without a record; `?staleAfter=<s>` overrides it (tests, slow loggers). */
const STALE_AFTER_S = 30;

type Props = { params: Promise<{ instrument: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Everything the page starts from, as of now: two hours of records, the variables, today's feed health. */
async function loadPreload(found: LiveInstrument) {
  const db = getDb();
  const now = Date.now();
  const midnight = utcMidnightMs(now);
  // The SSE stream resumes after this id. Read before the records: a record landing in between is then
  // sent again rather than missed (the browser merges by time).
  const lastId = await latestLiveRecordId(db, found.id);
  const [records, variables, health] = await Promise.all([
    listLiveRecordsSince(db, found.id, now - PRELOAD_MS, Math.ceil(PRELOAD_MS / (found.expectedIntervalSeconds * 1000)) + 600),
    listLiveVariables(db, found.id),
    getFeedHealth(db, found.id, midnight),
  ]);
  const roles = detectRoles(variables);
  const maxWind = roles.windSpeed ? await maxLiveValueSince(db, found.id, roles.windSpeed, midnight) : null;
  return { now, lastId, records, variables, health, roles, maxWind };
}

export default async function LivePage({ params, searchParams }: Props) {
  const { instrument } = await params;
  await requireUser('viewer', `/live/${encodeURIComponent(instrument)}`);
  const found = await getLiveInstrument(getDb(), instrument);
  if (!found) notFound();
  const { now, lastId, records, variables, health, roles, maxWind } = await loadPreload(found);
  const staleParam = Number((await searchParams).staleAfter);
  const staleAfterSeconds = Number.isFinite(staleParam) && staleParam >= 1 && staleParam <= 3600 ? staleParam : STALE_AFTER_S;

  return (
    <>
      <h1>{found.name} <span className="muted">live</span></h1>
      <p className="subtitle">{found.siteName} · {found.id} · one record every {found.expectedIntervalSeconds} s</p>
      <LiveView
        instrumentId={found.id}
        initialRecords={records}
        lastId={lastId}
        variables={variables}
        roles={roles}
        initialHealth={health}
        maxWindSinceMidnight={maxWind}
        intervalMs={found.expectedIntervalSeconds * 1000}
        staleAfterMs={staleAfterSeconds * 1000}
        serverNow={now}
      />
    </>
  );
}
