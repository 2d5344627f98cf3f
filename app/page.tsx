// Home: every instrument of the campaign, grouped by site, with its feed state and last data time, and the
// processes that are keeping it running. Read straight from the database on each request.
import { getDb } from '@/db/client';
import { listLiveComponents } from '@/db/queries/heartbeats';
import { listInstrumentOverview, type InstrumentOverviewRow } from '@/db/queries/overview';
import { requireUser } from '@/lib/auth/session';
import { feedState } from '@/lib/health/feed-state';
import { RelativeTime } from './_components/relative-time';

export const dynamic = 'force-dynamic';

export default async function HomePage() {
  await requireUser('viewer', '/');
  const db = getDb();
  const [rows, components] = await Promise.all([listInstrumentOverview(db), listLiveComponents(db, 120)]);
  const now = new Date();
  const bySite = new Map<string, InstrumentOverviewRow[]>();
  for (const row of rows) bySite.set(row.siteName, [...(bySite.get(row.siteName) ?? []), row]);

  return (
    <>
      <h1>Instruments</h1>
      <p className="subtitle">{rows.length} instruments at {bySite.size} sites</p>
      {[...bySite].map(([siteName, instruments]) => (
        <section className="site" key={siteName} aria-label={siteName}>
          <h2>{siteName}</h2>
          <table>
            <thead>
              <tr><th>Instrument</th><th>Kind</th><th>State</th><th>Last data</th><th>Files appended</th><th>Quarantined</th></tr>
            </thead>
            <tbody>
              {instruments.map((inst) => {
                const state = feedState(inst, now);
                return (
                  <tr key={inst.id} data-instrument={inst.id}>
                    <td><strong>{inst.name}</strong> <span className="muted">{inst.id}</span></td>
                    <td>{inst.kind}</td>
                    <td><span className={`state state-${state}`} data-state={state}>{state}</span></td>
                    <td><RelativeTime date={inst.lastDataAt} now={now} /></td>
                    <td>{inst.filesAppended}</td>
                    <td>{inst.filesQuarantined}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      ))}
      <p className="components" data-testid="components">
        Running: {components.length === 0 ? 'no live components' : components.map((c) => `${c.kind} (pid ${c.pid} on ${c.host}, beat ${Math.round((now.getTime() - c.lastBeatAt.getTime()) / 1000)} s ago)`).join(' · ')}
      </p>
    </>
  );
}
