import type { FeedState } from '@/lib/health/feed-state';
import type { OverviewSite } from '@/lib/overview/load';
import { StateBadge } from './state-badge';
import styles from './overview.module.css';

const ORDER: FeedState[] = ['down', 'late', 'up', 'new', 'paused', 'disabled'];

/** How many instruments are in each state, worst first: what operations staff look for first. */
export function StateSummary({ sites }: { sites: OverviewSite[] }) {
  const counts = new Map<FeedState, number>();
  for (const inst of sites.flatMap((s) => s.instruments)) counts.set(inst.state, (counts.get(inst.state) ?? 0) + 1);
  return (
    <p className={styles.summary} data-testid="state-summary">
      {ORDER.filter((state) => counts.has(state)).map((state) => (
        <span key={state} data-count-state={state}><StateBadge state={state} /> {counts.get(state)}</span>
      ))}
    </p>
  );
}
