// Operators: the control panel. Schedules and pipelines (last run, next run, pause/resume, run now),
// recent failures, instruments (enable/disable), processes (start/stop/restart through the supervisor),
// the supervisor's preflight, and the hosts' CPU, memory and disks.
import type { Metadata } from 'next';
import Link from 'next/link';
import { getDb } from '@/db/client';
import { listLiveComponents } from '@/db/queries/heartbeats';
import { listComponentCommands, listOpsInstruments, listRecentFailures } from '@/db/queries/ops-control';
import { listLivePollers } from '@/db/queries/ops-health';
import { RelativeTime } from '@/app/_components/relative-time';
import { requireUser } from '@/lib/auth/session';
import { getEnv } from '@/lib/env';
import { getSendOnlyBoss } from '@/lib/web/job-sender';
import { readPreflight } from '@/lib/ops/control/preflight-file';
import { listScheduleRows, type ScheduleRow } from '@/lib/ops/control/schedules';
import { ComponentsTable } from './_components/components-table';
import { FailuresTable } from './_components/failures-table';
import { HostMetrics } from './_components/host-metrics';
import { InstrumentsTable } from './_components/instruments-table';
import { PreflightList } from './_components/preflight-list';
import { SchedulesTable } from './_components/schedules-table';

export const metadata: Metadata = { title: 'Operations' };
export const dynamic = 'force-dynamic';

async function loadSchedules(now: Date): Promise<{ rows: ScheduleRow[]; problem: string | null }> {
  try {
    return { rows: await listScheduleRows(getDb(), await getSendOnlyBoss(), now), problem: null };
  } catch (error) {
    return { rows: [], problem: (error as Error).message };
  }
}

export default async function OpsPage({ searchParams }: { searchParams: Promise<{ error?: string; done?: string }> }) {
  await requireUser('operator', '/ops');
  const db = getDb();
  const now = new Date();
  const [{ error, done }, schedules, failures, instruments, beats, pollers, commands, preflight] = await Promise.all([
    searchParams, loadSchedules(now), listRecentFailures(db, 15), listOpsInstruments(db), listLiveComponents(db, 3600),
    listLivePollers(db, now), listComponentCommands(db, 8), readPreflight(getEnv().dataDir),
  ]);
  return (
    <>
      <h1>Operations</h1>
      <p className="subtitle">
        <Link href="/ops/alerts">Alerts</Link> · <Link href="/ops/outbox">Outbox</Link> · <Link href="/ops/logs">Live log</Link> ·{' '}
        <Link href="/ops/mirrors">Mirrors</Link> · <Link href="/ops/audit">Audit log</Link>
      </p>
      {error ? <p className="error" role="alert">{error.slice(0, 300)}</p> : null}
      {done ? <p className="notice" role="status">{done.slice(0, 300)}</p> : null}
      <section className="site" aria-labelledby="schedules">
        <h2 id="schedules">Schedules and pipelines</h2>
        {schedules.problem ? <p className="error" style={{ padding: '0 1rem' }}>{schedules.problem}</p> : null}
        <SchedulesTable rows={schedules.rows} now={now} controls />
      </section>
      <section className="site" aria-labelledby="failures">
        <h2 id="failures">Recent failures</h2>
        <FailuresTable runs={failures} now={now} />
      </section>
      <section className="site" aria-labelledby="instruments">
        <h2 id="instruments">Instruments</h2>
        <InstrumentsTable instruments={instruments} controls />
      </section>
      <section className="site" aria-labelledby="components">
        <h2 id="components">Components</h2>
        <ComponentsTable beats={beats} pollers={pollers} now={now} controls />
        {commands.length ? (
          <table>
            <caption className="muted">Recent commands</caption>
            <tbody>
              {commands.map((c) => (
                <tr key={c.id} data-command={c.id} data-command-state={c.state}>
                  <td><RelativeTime date={c.requestedAt} now={now} /></td>
                  <td>{c.action} {c.component}@{c.host}</td>
                  <td>{c.requestedBy}</td>
                  <td>{c.state}{c.result ? `: ${c.result}` : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>
      <section className="site" aria-labelledby="hosts">
        <h2 id="hosts">Hosts</h2>
        <HostMetrics db={db} now={now} />
      </section>
      <section className="site" aria-labelledby="preflight">
        <h2 id="preflight">Preflight</h2>
        <PreflightList report={preflight.report} problem={preflight.problem} />
      </section>
    </>
  );
}
