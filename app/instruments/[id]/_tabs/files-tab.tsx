// The files tab: the instrument's ledger, a page at a time, with each file's state and the reason when it
// failed or was quarantined.
import Link from 'next/link';
import { getDb } from '@/db/client';
import { listLedgerPage } from '@/db/queries/instrument-files';
import { type InstrumentView, viewHref } from '@/lib/charts/view-state';
import styles from '../instrument.module.css';

const PAGE_SIZE = 50;

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KiB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GiB`;
}

const utc = (d: Date | null) => (d ? d.toISOString().slice(0, 19).replace('T', ' ') : '–');

export async function FilesTab({ instrumentId, view }: { instrumentId: string; view: InstrumentView }) {
  const { rows, total } = await listLedgerPage(getDb(), instrumentId, view.page, PAGE_SIZE);
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  if (total === 0) return <p className={styles.empty}>No files have been seen for {instrumentId} yet.</p>;
  return (
    <section className="site" aria-label="Files">
      <table data-testid="ledger">
        <thead>
          <tr><th>File</th><th>State</th><th>Rows</th><th>Size</th><th>Data from</th><th>Data to</th><th>Modified</th></tr>
        </thead>
        <tbody>
          {rows.map((f) => (
            <tr key={f.id} data-file={f.relativePath} data-state={f.state}>
              <td>{f.relativePath}{f.late ? <> <span className="state state-late" title="arrived after its day was processed">late</span></> : null}</td>
              <td>
                <span className={f.state === 'appended' ? styles['s-ok'] : f.state === 'failed' || f.state === 'quarantined' ? styles['s-failed'] : styles['s-pending']}>{f.state}</span>
                {f.error ? <div className="muted" data-testid="reason">{f.error.slice(0, 300)}</div> : null}
              </td>
              <td>{f.rowsAppended.toLocaleString('en-US')}</td>
              <td>{size(f.size)}</td>
              <td>{utc(f.dataStart)}</td>
              <td>{utc(f.dataEnd)}</td>
              <td>{utc(f.mtime)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <nav className={styles.pager} aria-label="Pages">
        {view.page > 1 ? <Link href={viewHref(instrumentId, view, { page: view.page - 1 })}>← newer</Link> : null}
        <span>page {Math.min(view.page, pages)} of {pages} · {total.toLocaleString('en-US')} files</span>
        {view.page < pages ? <Link href={viewHref(instrumentId, view, { page: view.page + 1 })}>older →</Link> : null}
      </nav>
    </section>
  );
}
