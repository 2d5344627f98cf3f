// One alert (a rule on one series) as a pure state machine: (previous status, what the series says now,
// now, whether it is muted) → (next status, the state change to record, the notification to send). No
// clock and no database here, so `for: 30s`, reminders and no-data can be tested without waiting.
//
//   ok/resolved ──breach──▶ pending ──breach for `for`──▶ firing ──clear──▶ resolved
//        │                     └──clear──▶ ok               ▲ │
//        └──────── no data (or a null reading) ──▶ nodata ◀─┘ └─ (nodata counts as firing)
//
// `resolved` behaves like `ok` but remembers the episode it closed (firingSince), which keeps the recovery
// mail's dedupe key stable. A series that stops reporting goes to `nodata`, never to `ok`: only a reading
// within the threshold resolves an alert.
import type { AlertState } from '../../db/schema/alerts';

export interface AlertStatus {
  state: AlertState;
  value: number | null;
  pendingSince: Date | null;
  /** Start of the current (or, when resolved, the last) alerting episode. */
  firingSince: Date | null;
  resolvedAt: Date | null;
  lastNotifiedAt: Date | null;
}

/** The newest reading of the series, or `null` when it has stopped reporting (or reports nothing usable). */
export type Reading = { value: number } | null;

export interface RuleTiming {
  above?: number;
  below?: number;
  forSeconds: number;
  reminderEverySeconds?: number;
}

export type NotificationKind = 'firing' | 'nodata' | 'reminder' | 'resolved';

export interface StepResult {
  next: AlertStatus;
  /** Set when the state changed; recorded as an alert_events row. */
  change: { from: AlertState; to: AlertState } | null;
  notify: NotificationKind | null;
}

export const INITIAL_STATUS: AlertStatus = {
  state: 'ok', value: null, pendingSince: null, firingSince: null, resolvedAt: null, lastNotifiedAt: null,
};

export function isAlerting(state: AlertState): boolean {
  return state === 'firing' || state === 'nodata';
}

export function breaches(rule: RuleTiming, value: number): boolean {
  return (rule.above !== undefined && value > rule.above) || (rule.below !== undefined && value < rule.below);
}

export function stepAlert(prev: AlertStatus, reading: Reading, rule: RuleTiming, now: Date, muted: boolean): StepResult {
  const next = transition(prev, reading, rule, now);
  const change = next.state !== prev.state ? { from: prev.state, to: next.state } : null;
  const notify = notification(prev, next, rule, now, muted);
  if (notify) next.lastNotifiedAt = now;
  return { next, change, notify };
}

function transition(prev: AlertStatus, reading: Reading, rule: RuleTiming, now: Date): AlertStatus {
  const value = reading?.value ?? null;
  const base: AlertStatus = { ...prev, value };
  if (reading === null) {
    if (prev.state === 'nodata') return base;
    // From firing the episode continues (same firingSince); from anything else a new one starts now.
    const firingSince = prev.state === 'firing' ? prev.firingSince : now;
    return { ...base, state: 'nodata', pendingSince: null, firingSince, resolvedAt: null };
  }
  if (breaches(rule, reading.value)) {
    switch (prev.state) {
      case 'firing':
        return base;
      case 'nodata':
        return { ...base, state: 'firing' };
      case 'pending': {
        const since = prev.pendingSince ?? now;
        if (now.getTime() - since.getTime() >= rule.forSeconds * 1000) return { ...base, state: 'firing', firingSince: now, resolvedAt: null };
        return base;
      }
      default:
        if (rule.forSeconds <= 0) return { ...base, state: 'firing', pendingSince: null, firingSince: now, resolvedAt: null };
        return { ...base, state: 'pending', pendingSince: now };
    }
  }
  if (isAlerting(prev.state)) return { ...base, state: 'resolved', pendingSince: null, resolvedAt: now };
  if (prev.state === 'pending') return { ...base, state: 'ok', pendingSince: null };
  return base;
}

function notification(prev: AlertStatus, next: AlertStatus, rule: RuleTiming, now: Date, muted: boolean): NotificationKind | null {
  const notifiedThisEpisode = (status: AlertStatus) =>
    status.lastNotifiedAt !== null && status.firingSince !== null && status.lastNotifiedAt.getTime() >= status.firingSince.getTime();
  if (next.state === 'resolved' && prev.state !== 'resolved') {
    // Whoever was told it broke is told it recovered, even under a silence that began meanwhile; an episode
    // nobody heard about ends quietly.
    return notifiedThisEpisode(prev) ? 'resolved' : null;
  }
  if (!isAlerting(next.state) || muted) return null;
  // Not yet announced: a new episode, or one that was muted until now (the silence ended while it lasted).
  if (!notifiedThisEpisode(next)) return next.state === 'nodata' ? 'nodata' : 'firing';
  const every = rule.reminderEverySeconds;
  if (every && every > 0 && now.getTime() - next.lastNotifiedAt!.getTime() >= every * 1000) return 'reminder';
  return null;
}
