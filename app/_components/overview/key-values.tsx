import type { KeyValueRow } from '@/db/queries/overview';
import { formatValue } from '@/lib/overview/display';
import styles from './overview.module.css';

/**
 * The latest value of each key variable with its unit; a missing value (NAN, fill) shows as a dash. One
 * element per value: fifty rows of these are most of the page's markup.
 */
export function KeyValues({ values }: { values: KeyValueRow[] }) {
  if (values.length === 0) return <span className="muted">—</span>;
  return (
    <span className={styles.values}>
      {values.map((v) => (
        <span key={v.name} data-variable={v.name}>{`${v.name} ${formatValue(v.value)}${v.unit ? ` ${v.unit}` : ''}`}</span>
      ))}
    </span>
  );
}
