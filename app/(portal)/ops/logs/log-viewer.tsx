'use client';
// The live log's lines as they arrive over SSE; keeps the newest 2,000 in the page.
import { useEffect, useState } from 'react';

interface Entry {
  level: number;
  component: string;
  time?: string;
  msg?: string;
  err?: { message?: string };
}

const LEVEL_NAMES: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };
const KEEP = 2000;

export function LogViewer({ query }: { query: string }) {
  const [entries, setEntries] = useState<Entry[]>([]);
  const [status, setStatus] = useState('connecting');
  useEffect(() => {
    const source = new EventSource(`/api/ops/log${query ? `?${query}` : ''}`);
    const add = (entry: Entry) => setEntries((previous) => [...previous.slice(-(KEEP - 1)), entry]);
    source.addEventListener('log', (event) => add(JSON.parse((event as MessageEvent<string>).data) as Entry));
    source.addEventListener('ready', () => setStatus('following'));
    source.addEventListener('reset', () => add({ level: 30, component: 'log', msg: '(the log file was rotated or truncated; reading it from the start)' }));
    source.addEventListener('failure', (event) => setStatus(`failed: ${(JSON.parse((event as MessageEvent<string>).data) as { error: string }).error}`));
    source.onerror = () => setStatus('reconnecting');
    return () => source.close();
  }, [query]);
  return (
    <section className="site">
      <h2>Log <span className="muted" data-log-status={status}>({status})</span></h2>
      <pre className="log-lines" style={{ margin: 0, padding: '0.75rem 1rem', maxHeight: '70vh', overflow: 'auto', fontSize: '0.8rem' }}>
        {entries.map((e, i) => (
          <div key={i} data-level={LEVEL_NAMES[e.level] ?? e.level} data-log-component={e.component}>
            {(e.time ?? '').slice(11, 19)} [{e.component}] {e.level >= 40 ? `${LEVEL_NAMES[e.level] ?? e.level} ` : ''}{e.msg ?? ''}{e.err?.message ? `: ${e.err.message}` : ''}
          </div>
        ))}
      </pre>
    </section>
  );
}
