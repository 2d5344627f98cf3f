// The time series tab's downsampling: the min/max envelope with its mean per bucket (any database), or the
// toolkit's largest-triangle-three-buckets, which draws real points. Each choice is a URL, like the range
// presets. lttb is offered only where the database has timescaledb_toolkit; a link asking for it elsewhere
// shows the envelope and says why, rather than failing.
import Link from 'next/link';
import type { DownsampleMethod } from '@/lib/charts/types';
import { type InstrumentView, viewHref } from '@/lib/charts/view-state';
import styles from '../instrument.module.css';

const UNAVAILABLE = 'lttb needs the TimescaleDB toolkit (timescaledb_toolkit), which this database does not have';

export function DownsamplingControl({ instrumentId, view, shown, lttbAvailable }: {
  instrumentId: string; view: InstrumentView; shown: DownsampleMethod; lttbAvailable: boolean;
}) {
  const current = (method: DownsampleMethod) => (shown === method ? 'true' : undefined);
  return (
    <div className={styles.downsampling} data-testid="downsampling" data-method={shown}>
      <div className={styles.presets} role="group" aria-label="Downsampling">
        <span className={styles.groupLabel}>Downsampling</span>
        <Link href={viewHref(instrumentId, view, { method: 'envelope' })} aria-current={current('envelope')}
          title="min/max band and mean per bucket">envelope</Link>
        {lttbAvailable
          ? <Link href={viewHref(instrumentId, view, { method: 'lttb' })} aria-current={current('lttb')}
            title="largest-triangle-three-buckets: real points that keep the shape of the series">lttb</Link>
          : <span className={styles.unavailable} aria-disabled="true" title={UNAVAILABLE}>lttb unavailable</span>}
      </div>
      {view.method !== shown ? <p className="muted" data-testid="downsampling-note">{`${UNAVAILABLE}: showing the min/max envelope and mean.`}</p> : null}
    </div>
  );
}
