// Operators: the live log. Filters live in the URL (?component=worker&level=warn&lines=200) so a view can be
// shared; the stream itself comes from /api/ops/log with the same parameters.
import type { Metadata } from 'next';
import Link from 'next/link';
import { requireUser } from '@/lib/auth/session';
import { LOG_LEVEL_NAMES, parseLogFilter } from '@/lib/ops/control/log-filter';
import { LogViewer } from './log-viewer';

export const metadata: Metadata = { title: 'Live log' };
export const dynamic = 'force-dynamic';

export default async function LogsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireUser('operator', '/ops/logs');
  const raw = await searchParams;
  const params = new URLSearchParams();
  for (const key of ['component', 'level', 'lines']) {
    const value = raw[key];
    if (typeof value === 'string' && value !== '') params.set(key, value);
  }
  const parsed = parseLogFilter(params);
  return (
    <>
      <h1>Live log</h1>
      <p className="subtitle"><Link href="/ops">Operations</Link></p>
      <form className="form inline" method="get">
        <label>Component<input name="component" defaultValue={params.get('component') ?? ''} placeholder="worker, web, supervisor…" /></label>
        <label>Level at least
          <select name="level" defaultValue={params.get('level') ?? 'trace'}>
            {LOG_LEVEL_NAMES.map((l) => <option key={l}>{l}</option>)}
          </select>
        </label>
        <label>Last lines<input name="lines" type="number" min={0} max={1000} defaultValue={params.get('lines') ?? '200'} /></label>
        <button type="submit" className="secondary">Apply</button>
      </form>
      {parsed.ok ? <LogViewer key={params.toString()} query={params.toString()} /> : <p className="error" role="alert">{parsed.error}</p>}
    </>
  );
}
