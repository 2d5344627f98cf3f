import type { FeedState } from '@/lib/health/feed-state';

const MEANING: Record<FeedState, string> = {
  up: 'records arriving within the expected cadence',
  late: 'past its cadence, inside the grace period',
  down: 'past the grace period: no data',
  paused: 'paused by an operator',
  new: 'no data seen yet',
  disabled: 'disabled in the config',
};

/** Colour and text (never colour alone), with data-state for tests and scripts. */
export function StateBadge({ state }: { state: FeedState }) {
  return <span className={`state state-${state}`} data-state={state} title={MEANING[state]}>{state}</span>;
}
