// The tabs as links: each is a URL, so back/forward walks through tabs like pages.
import Link from 'next/link';
import { type InstrumentView, type Tab, viewHref } from '@/lib/charts/view-state';
import styles from '../instrument.module.css';

const LABELS: Record<Tab, string> = { timeseries: 'Time series', quicklooks: 'Quicklooks', files: 'Files', pipeline: 'Pipeline', media: 'Media' };

export function TabBar({ instrumentId, view, hasMedia }: { instrumentId: string; view: InstrumentView; hasMedia: boolean }) {
  const tabs = (Object.keys(LABELS) as Tab[]).filter((t) => t !== 'media' || hasMedia);
  return (
    <nav className={styles.tabs} aria-label="Instrument views">
      {tabs.map((tab) => (
        <Link key={tab} href={viewHref(instrumentId, view, { tab, page: 1 })} aria-current={tab === view.tab ? 'page' : undefined}
          className={tab === view.tab ? styles.activeTab : undefined}>
          {LABELS[tab]}
        </Link>
      ))}
    </nav>
  );
}
