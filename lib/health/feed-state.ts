// An instrument's health in the style of a dead-man's switch: it is `up` while data keeps arriving within
// its expected cadence, `late` once a beat is missed but inside a grace period, `down` after that.

export type FeedState = 'up' | 'late' | 'down' | 'paused' | 'new' | 'disabled';

export interface FeedFacts {
  enabled: boolean;
  paused: boolean;
  expectedIntervalSeconds: number | null;
  lastDataAt: Date | null;
}

/** Cadence assumed for instruments whose config gives no expectedInterval. */
export const DEFAULT_INTERVAL_SECONDS = 600;

export function feedLimits(expectedIntervalSeconds: number | null): { upSeconds: number; graceSeconds: number } {
  const interval = expectedIntervalSeconds ?? DEFAULT_INTERVAL_SECONDS;
  // Slack of half an interval plus 30 s: transfer and polling delays must not flap a healthy feed.
  const upSeconds = interval * 1.5 + 30;
  // Down after six missed beats, but never sooner than ten minutes after `up` ends: file instruments arrive
  // through sync schedules and retries measured in minutes, so a fast feed must not read `down` (the state
  // that pages someone) over one slow transfer, while a slow one is down only after several silent beats.
  const graceSeconds = Math.max(interval * 6, upSeconds + 600);
  return { upSeconds, graceSeconds };
}

export function feedState(facts: FeedFacts, now: Date = new Date()): FeedState {
  if (!facts.enabled) return 'disabled';
  if (facts.paused) return 'paused';
  if (!facts.lastDataAt) return 'new';
  const ageSeconds = (now.getTime() - facts.lastDataAt.getTime()) / 1000;
  const { upSeconds, graceSeconds } = feedLimits(facts.expectedIntervalSeconds);
  if (ageSeconds <= upSeconds) return 'up';
  if (ageSeconds <= graceSeconds) return 'late';
  return 'down';
}
