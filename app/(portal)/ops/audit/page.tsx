// Operators: the audit log, newest first: who did what, when, from which address. Filter by actor or by
// action (a family like `token` or an exact `token.revoke`); `before` pages back.
import type { Metadata } from 'next';
import Link from 'next/link';
import { getDb } from '@/db/client';
import { listAuditEntries } from '@/db/queries/audit-log';
import { requireUser } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Audit log' };
export const dynamic = 'force-dynamic';

const PAGE_SIZE = 200;

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireUser('operator', '/ops/audit');
  const params = await searchParams;
  const text = (key: string) => (typeof params[key] === 'string' && params[key] ? params[key] : undefined);
  const before = Number(text('before'));
  const filter = { actor: text('actor'), action: text('action') };
  const entries = await listAuditEntries(getDb(), { ...filter, beforeId: Number.isSafeInteger(before) && before > 0 ? before : undefined, limit: PAGE_SIZE });
  const older = entries.length === PAGE_SIZE ? new URLSearchParams({ ...clean(filter), before: String(entries.at(-1)!.id) }) : null;
  return (
    <>
      <h1>Audit log</h1>
      <form className="form inline" method="get">
        <label>Actor<input name="actor" defaultValue={filter.actor} placeholder="email or token:name" /></label>
        <label>Action<input name="action" defaultValue={filter.action} placeholder="auth, token.use, …" /></label>
        <button type="submit" className="secondary">Filter</button>
      </form>
      <section className="site">
        <table>
          <thead><tr><th>When (UTC)</th><th>Who</th><th>What</th><th>Target</th><th>From</th><th>Details</th></tr></thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id} data-action={e.action}>
                <td>{e.at.toISOString().slice(0, 19).replace('T', ' ')}</td>
                <td>{e.actor}</td>
                <td>{e.action}</td>
                <td>{e.target}</td>
                <td>{e.address}</td>
                <td className="muted">{Object.keys(e.details).length ? JSON.stringify(e.details) : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {entries.length === 0 ? <p className="muted">No entries.</p> : null}
      {older ? <p><Link href={`/ops/audit?${older}`}>Older entries</Link></p> : null}
    </>
  );
}

function clean(values: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter((e): e is [string, string] => e[1] !== undefined));
}
