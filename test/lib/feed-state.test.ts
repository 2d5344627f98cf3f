import { describe, expect, it } from 'vitest';
import { feedLimits, feedState } from '../../lib/health/feed-state';

const now = new Date('2026-11-21T12:00:00Z');
const ago = (s: number) => new Date(now.getTime() - s * 1000);
const facts = { enabled: true, paused: false, expectedIntervalSeconds: 60 };

describe('feed state', () => {
  it('is new before any data and up while data arrives within the cadence', () => {
    expect(feedState({ ...facts, lastDataAt: null }, now)).toBe('new');
    expect(feedState({ ...facts, lastDataAt: ago(100) }, now)).toBe('up');
  });

  it('goes late after a missed beat, then down after the grace period', () => {
    const { upSeconds, graceSeconds } = feedLimits(60);
    expect(feedState({ ...facts, lastDataAt: ago(upSeconds + 1) }, now)).toBe('late');
    expect(feedState({ ...facts, lastDataAt: ago(graceSeconds + 1) }, now)).toBe('down');
  });

  it('does not flap a 1 Hz feed over a few seconds of polling delay', () => {
    expect(feedState({ ...facts, expectedIntervalSeconds: 1, lastDataAt: ago(10) }, now)).toBe('up');
    expect(feedState({ ...facts, expectedIntervalSeconds: 1, lastDataAt: ago(45) }, now)).toBe('late');
  });

  it('reports paused and disabled before looking at data', () => {
    expect(feedState({ ...facts, paused: true, lastDataAt: ago(1e6) }, now)).toBe('paused');
    expect(feedState({ ...facts, enabled: false, lastDataAt: ago(1) }, now)).toBe('disabled');
  });
});
