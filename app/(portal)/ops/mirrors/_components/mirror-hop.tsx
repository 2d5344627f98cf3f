// One hop (source → mirror): its newest audit and run, the buttons, the coverage grid, the history of
// missing counts and the files the audit found, the first `itemLimit` of them from `itemOffset`.
import Link from 'next/link';
import {
  getAuditCoverage,
  listMirrorAuditHistory,
  listMirrorAuditItems,
  type MirrorOverview,
} from '@/db/queries/mirror-status';
import type { Database } from '@/db/client';
import { requestMirrorJobAction } from '../actions';
import styles from '../mirrors.module.css';
import { CoverageGrid } from './coverage-grid';
import { MissingHistory } from './missing-history';

const when = (d: Date | null) => (d ? `${d.toISOString().slice(0, 19).replace('T', ' ')} UTC` : '—');
const STATUS_LABEL = { missing_on_target: 'missing on mirror', missing_on_source: 'missing on source', differs: 'differs' } as const;

export async function MirrorHop({ db, overview, itemLimit, itemOffset = 0, returnTo }: {
  db: Database;
  overview: MirrorOverview;
  itemLimit: number;
  itemOffset?: number;
  returnTo: 'list' | 'detail';
}) {
  const { mirror, latestAudit: audit, latestRun: run } = overview;
  const [items, coverage, history] = audit
    ? await Promise.all([
      listMirrorAuditItems(db, audit.id, { limit: itemLimit, offset: itemOffset }),
      getAuditCoverage(db, audit.id),
      listMirrorAuditHistory(db, mirror.id),
    ])
    : [null, [], []];
  return (
    <section className="site" data-mirror={mirror.id}>
      <h2>
        {mirror.sourceId ?? 'data store'} → <Link href={`/ops/mirrors/${mirror.id}`}>{mirror.id}</Link>{' '}
        <span className="muted">{mirror.target.path}</span>
      </h2>
      <div className={styles.hop}>
        <div className="row-actions">
          {(['sync', 'verify'] as const).map((kind) => (
            <form key={kind} action={requestMirrorJobAction}>
              <input type="hidden" name="mirrorId" value={mirror.id} />
              <input type="hidden" name="kind" value={kind} />
              <input type="hidden" name="returnTo" value={returnTo} />
              <button type="submit" className={kind === 'sync' ? undefined : 'secondary'}>{kind === 'sync' ? 'Sync now' : 'Verify now'}</button>
            </form>
          ))}
          <span className="muted">
            carries {mirror.include.join(', ')}; compared by {mirror.compareBy}{mirror.schedule ? `; synced on “${mirror.schedule}”` : ''}
          </span>
        </div>
        <dl className={styles.facts}>
          <div><dt>Last audit</dt><dd>{audit ? when(audit.finishedAt) : 'never'}</dd></div>
          {audit ? (
            <>
              <div><dt>Window</dt><dd>{audit.windowStart} … {audit.windowEnd}</dd></div>
              <div><dt>Status</dt><dd className={styles[`outcome-${audit.outcome ?? 'failed'}`]} data-outcome={audit.outcome}>{audit.outcome}</dd></div>
              <div><dt>Missing on mirror</dt><dd data-count="missing_on_target">{audit.missingOnTarget}</dd></div>
              <div><dt>Missing on source</dt><dd data-count="missing_on_source">{audit.missingOnSource}</dd></div>
              <div><dt>Differ</dt><dd data-count="differs">{audit.differs}</dd></div>
              <div><dt>Files</dt><dd>{audit.sourceCount} on source, {audit.targetCount} on mirror</dd></div>
            </>
          ) : null}
          <div><dt>Last sync</dt><dd>{run ? `${when(run.startedAt)}: ${run.outcome}, ${run.filesCopied} file(s) copied` : 'never'}</dd></div>
        </dl>
        {audit?.outcome === 'failed' ? <p className="error" role="alert">Audit failed: {audit.error}</p> : null}
        {run?.outcome === 'failed' && run.error ? <p className="error">Last sync failed: {run.error}</p> : null}
        {audit ? (
          <>
            <div>
              <h3>Coverage</h3>
              <CoverageGrid window={{ start: audit.windowStart, end: audit.windowEnd }} cells={coverage} />
            </div>
            <div>
              <h3>Missing files over time</h3>
              <MissingHistory points={history} />
            </div>
            <div>
              <h3>Files found by the last audit ({items!.total})</h3>
              {items!.total === 0 ? <p className="muted">None: every file of the window is on both sides.</p> : (
                <>
                  <table className={styles.items}>
                    <thead><tr><th>Status</th><th>Path</th><th>Instrument</th><th>Day</th><th>Size (source / mirror)</th></tr></thead>
                    <tbody>
                      {items!.items.map((item) => (
                        <tr key={item.id} data-status={item.status}>
                          <td>{STATUS_LABEL[item.status]}</td>
                          <td>{item.relativePath}</td>
                          <td>{item.instrument ?? ''}</td>
                          <td>{item.day ?? ''}</td>
                          <td>{item.sourceSize ?? '—'} / {item.targetSize ?? '—'}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                  <p className="row-actions">
                    {returnTo === 'list' && items!.total > items!.items.length
                      ? <Link href={`/ops/mirrors/${mirror.id}`}>All {items!.total} files</Link> : null}
                    <a href={`/ops/mirrors/${mirror.id}/audits/${audit.id}/items.csv`} download>Download all as CSV</a>
                  </p>
                </>
              )}
            </div>
          </>
        ) : <p className="muted">Not verified yet: press “Verify now”, or wait for the schedule.</p>}
      </div>
    </section>
  );
}
