import type { KeyValueRow } from '@/db/queries/overview';
import { formatValue } from '@/lib/overview/display';
import styles from './overview.module.css';

/** The latest value of each key variable with its unit; a missing value (NAN, fill) shows as a dash. */
export function KeyValues({ values }: { values: KeyValueRow[] }) {
  if (values.length === 0) return <span className="muted">—</span>;
  return (
    <dl className={styles.values}>
      {values.map((v) => (
        <div key={v.name} data-variable={v.name} title={`at ${v.time.toISOString()}`}>
          <dt>{v.name}</dt>
          <dd>{formatValue(v.value)}{v.unit ? <span className="muted"> {v.unit}</span> : null}</dd>
        </div>
      ))}
    </dl>
  );
}
