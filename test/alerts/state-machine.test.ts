// The alert state machine on its own, with a clock that is just a number: for-durations, reminders, no data,
// silences and the recovery mail, without a database or a wait.
import { describe, expect, it } from 'vitest';
import { INITIAL_STATUS, stepAlert, type AlertStatus, type Reading, type RuleTiming } from '../../lib/alerts/state-machine';

const rule: RuleTiming = { above: 30, forSeconds: 30, reminderEverySeconds: 3600 };
const t = (s: number) => new Date(Date.UTC(2026, 0, 1) + s * 1000);

/** Runs readings at the given seconds; returns each step's state and notification. */
function run(steps: [seconds: number, reading: Reading, muted?: boolean][], timing = rule, start: AlertStatus = INITIAL_STATUS) {
  let status = { ...start };
  return steps.map(([s, reading, muted]) => {
    const result = stepAlert(status, reading, timing, t(s), muted ?? false);
    status = result.next;
    return `${result.next.state}${result.notify ? `:${result.notify}` : ''}`;
  });
}

describe('stepAlert', () => {
  it('goes ok → pending → firing only after the for-duration, then reminds and resolves with a recovery', () => {
    expect(run([[0, { value: 10 }], [60, { value: 45 }], [75, { value: 46 }], [90, { value: 47 }], [120, { value: 48 }],
      [3690, { value: 49 }], [3700, { value: 50 }], [3720, { value: 5 }], [3780, { value: 6 }]])).toEqual([
      'ok', 'pending', 'pending', 'firing:firing', 'firing', 'firing:reminder', 'firing', 'resolved:resolved', 'resolved']);
  });

  it('returns to ok without a mail when the breach ends before the for-duration', () => {
    expect(run([[0, { value: 45 }], [20, { value: 10 }], [40, { value: 45 }]])).toEqual(['pending', 'ok', 'pending']);
  });

  it('fires at once with for: 0, and treats below as well as above', () => {
    expect(run([[0, { value: -5 }], [60, { value: 5 }]], { below: 0, forSeconds: 0 })).toEqual(['firing:firing', 'resolved:resolved']);
  });

  it('turns a series that stops reporting into nodata, alerting like firing, and never resolves it without data', () => {
    expect(run([[0, { value: 10 }], [60, null], [120, null], [3660, null], [3700, { value: 10 }]])).toEqual([
      'ok', 'nodata:nodata', 'nodata', 'nodata:reminder', 'resolved:resolved']);
  });

  it('keeps one episode through firing → nodata → firing: no second firing mail', () => {
    expect(run([[0, { value: 50 }], [30, { value: 50 }], [60, null], [120, { value: 50 }]])).toEqual([
      'pending', 'firing:firing', 'nodata', 'firing']);
  });

  it('mutes while silenced, announces when the silence ends if still firing, and resolves quietly if never announced', () => {
    expect(run([[0, { value: 50 }, true], [30, { value: 50 }, true], [60, { value: 50 }, true], [90, { value: 50 }], [120, { value: 5 }]])).toEqual([
      'pending', 'firing', 'firing', 'firing:firing', 'resolved:resolved']);
    expect(run([[0, { value: 50 }, true], [30, { value: 50 }, true], [60, { value: 5 }, true]])).toEqual(['pending', 'firing', 'resolved']);
  });

  it('still sends the recovery to people who heard about the firing, even under a silence set meanwhile', () => {
    expect(run([[0, { value: 50 }], [30, { value: 50 }], [60, { value: 50 }, true], [90, { value: 5 }, true]])).toEqual([
      'pending', 'firing:firing', 'firing', 'resolved:resolved']);
  });

  it('sends no reminders without reminderEvery', () => {
    expect(run([[0, { value: 50 }], [30, { value: 50 }], [86_400, { value: 50 }]], { above: 30, forSeconds: 30 })).toEqual([
      'pending', 'firing:firing', 'firing']);
  });
});
