import type { NewestQuicklookRow } from '@/db/queries/overview';
import { productUrl } from '../quicklooks/urls';
import styles from './overview.module.css';

export function QuicklookThumb({ quicklook, instrumentName }: { quicklook: NewestQuicklookRow | null; instrumentName: string }) {
  if (!quicklook) return <span className="muted">none yet</span>;
  const url = productUrl(quicklook.path, quicklook.generatedAt);
  // Images drawn before the job wrote thumbnails have none: the full image, scaled by CSS, stands in.
  const thumbnailUrl = quicklook.thumbnailPath ? productUrl(quicklook.thumbnailPath, quicklook.generatedAt) : url;
  return (
    <a href={url} className={styles.thumb}>
      {/* eslint-disable-next-line @next/next/no-img-element -- a plain lazy thumbnail of a served PNG; no image optimiser in the path */}
      <img src={thumbnailUrl} alt={`${instrumentName} ${quicklook.kind} ${quicklook.day}`} loading="lazy" width={128} height={72} />
      {quicklook.stale ? <span className="muted"> (updating)</span> : null}
    </a>
  );
}
