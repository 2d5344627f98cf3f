import type { OverviewSite } from '@/lib/overview/load';
import type { WindowStats } from '@/lib/overview/window-stats';
import { RelativeTime } from '../relative-time';
import { KeyValues } from './key-values';
import { QuicklookThumb } from './quicklook-thumb';
import { StateBadge } from './state-badge';
import styles from './overview.module.css';

function percent(stats: WindowStats | undefined): string {
  if (!stats) return '—';
  return `${stats.completenessPercent >= 99.95 ? '100' : stats.completenessPercent.toFixed(1)} %`;
}

/**
 * One site's instruments, one row each. Plain links rather than next/link: fifty rows of prefetching
 * links would make every visit fetch fifty instrument pages, and the page carries no client components.
 */
export function SiteTable({ site, stats, now }: { site: OverviewSite; stats: Map<string, WindowStats>; now: Date }) {
  return (
    <section className="site" aria-label={site.siteName} data-site={site.siteId}>
      <h2>{site.siteName}</h2>
      <table className={styles.table}>
        <colgroup>
          <col className={styles.colName} /><col className={styles.colKind} /><col className={styles.colState} /><col className={styles.colNum} />
          <col className={styles.colNum} /><col className={styles.colNum} /><col /><col className={styles.colThumb} />
        </colgroup>
        <thead>
          <tr>
            <th>Instrument</th><th>Kind</th><th>State</th><th>Last data</th>
            <th title="distinct record times in the last 24 h, as a share of 24 h / expected cadence">Complete 24 h</th>
            <th title="holes between consecutive records since 00:00 UTC">Gaps today</th>
            <th>Latest values</th><th>Quicklook</th>
          </tr>
        </thead>
        <tbody>
          {site.instruments.map((inst) => {
            const s = stats.get(inst.id);
            return (
              <tr key={inst.id} data-instrument={inst.id}>
                <td className={styles.name}>
                  <a href={`/instruments/${encodeURIComponent(inst.id)}`}>{inst.name}</a> <span className="muted">{inst.id}</span>
                  {inst.live ? <a className={styles.liveLink} href={`/live/${encodeURIComponent(inst.id)}`}>live</a> : null}
                </td>
                <td>{inst.kind}</td>
                <td><StateBadge state={inst.state} /></td>
                <td className={styles.number}><RelativeTime date={inst.lastDataAt} now={now} /></td>
                <td className={styles.number} data-field="completeness">{percent(s)}</td>
                <td className={styles.number} data-field="gaps">{s ? s.gapsToday : '—'}</td>
                <td><KeyValues values={inst.keyValues} /></td>
                <td><QuicklookThumb quicklook={inst.quicklook} instrumentName={inst.name} /></td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
