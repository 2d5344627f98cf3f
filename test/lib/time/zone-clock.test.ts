import { describe, it, expect } from 'vitest';
import { ZoneClock, isKnownTimeZone } from '@/lib/time/zone-clock';

const MINUTE = 60_000;
const HOUR = 3_600_000;

/**
 * The reference, by brute force: every UTC minute around `day`, formatted in the zone, indexed by the
 * wall time it shows. A wall time with two instants is an overlap; with none, a gap.
 */
function instantsByWallTime(timeZone: string, day: number): Map<number, number[]> {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric',
  });
  const byWall = new Map<number, number[]>();
  for (let t = day - 16 * HOUR; t <= day + 40 * HOUR; t += MINUTE) {
    const p = Object.fromEntries(format.formatToParts(t).map((x) => [x.type, Number(x.value)]));
    const wall = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!);
    byWall.set(wall, [...(byWall.get(wall) ?? []), t]);
  }
  return byWall;
}

describe('ZoneClock', () => {
  it('passes UTC (and its aliases) through unchanged, with fractions', () => {
    for (const zone of ['UTC', 'Etc/UTC', 'utc', 'GMT']) {
      const clock = new ZoneClock(zone);
      expect(clock.toUtcMs(Date.UTC(2024, 5, 1, 12, 0, 0) + 0.5)).toBe(Date.UTC(2024, 5, 1, 12, 0, 0) + 0.5);
    }
  });

  it('applies fixed and half-hour offsets', () => {
    expect(new ZoneClock('Etc/GMT-3').toUtcMs(Date.UTC(2024, 0, 1, 3))).toBe(Date.UTC(2024, 0, 1, 0));
    expect(new ZoneClock('Asia/Kolkata').toUtcMs(Date.UTC(2024, 0, 1, 5, 30))).toBe(Date.UTC(2024, 0, 1, 0));
    // Newfoundland summer time is UTC-2:30.
    expect(new ZoneClock('America/St_Johns').toUtcMs(Date.UTC(2024, 6, 1, 12))).toBe(Date.UTC(2024, 6, 1, 14, 30));
  });

  it('reads a wall time in a DST gap with the offset before the change (shifted forward)', () => {
    const clock = new ZoneClock('Europe/Berlin');
    // 2024-03-31 02:30 does not exist in Berlin (02:00 CET -> 03:00 CEST): read as CET, i.e. 01:30 UTC.
    expect(clock.toUtcMs(Date.UTC(2024, 2, 31, 2, 30))).toBe(Date.UTC(2024, 2, 31, 1, 30));
    expect(clock.lastResolution).toBe('gap');
    expect(clock.toUtcMs(Date.UTC(2024, 2, 31, 3, 0))).toBe(Date.UTC(2024, 2, 31, 1, 0));
    expect(clock.lastResolution).toBe('unique');
  });

  it('takes the earlier instant for a wall time that occurs twice', () => {
    const clock = new ZoneClock('Europe/Berlin');
    // 2024-10-27 02:30 happens at 00:30 UTC (CEST) and again at 01:30 UTC (CET).
    expect(clock.toUtcMs(Date.UTC(2024, 9, 27, 2, 30))).toBe(Date.UTC(2024, 9, 27, 0, 30));
    expect(clock.lastResolution).toBe('ambiguous');
  });

  it('agrees with a brute-force reference minute by minute across transitions, in any order', () => {
    const cases: [string, number][] = [
      ['Europe/Berlin', Date.UTC(2024, 2, 31)],
      ['Europe/Berlin', Date.UTC(2024, 9, 27)],
      ['America/New_York', Date.UTC(2024, 2, 10)],
      ['America/New_York', Date.UTC(2024, 10, 3)],
      ['Australia/Lord_Howe', Date.UTC(2024, 3, 7)], // 30-minute DST shifts, inside an hour
      ['Australia/Lord_Howe', Date.UTC(2024, 9, 6)],
      ['Pacific/Auckland', Date.UTC(2024, 8, 29)],
    ];
    for (const [zone, day] of cases) {
      const clock = new ZoneClock(zone);
      const reference = instantsByWallTime(zone, day);
      const walls = Array.from({ length: 24 * 12 }, (_, i) => day + i * 5 * MINUTE);
      // Reverse order as well: the caches must not depend on rows arriving in time order.
      for (const wall of [...walls, ...walls.reverse()]) {
        const matches = reference.get(wall) ?? [];
        const got = clock.toUtcMs(wall);
        if (matches.length > 0) {
          expect(got, `${zone} ${new Date(wall).toISOString()}`).toBe(Math.min(...matches));
          expect(clock.lastResolution).toBe(matches.length > 1 ? 'ambiguous' : 'unique');
        } else {
          // In a gap: read with the offset in force before it (taken from two hours earlier).
          const [before] = reference.get(wall - 2 * HOUR) ?? [];
          expect(clock.lastResolution).toBe('gap');
          expect(got).toBe(wall - (wall - 2 * HOUR - before!));
        }
      }
    }
  });

  it('rejects an unknown zone with a message naming it', () => {
    expect(() => new ZoneClock('Mars/Olympus_Mons')).toThrow(/Mars\/Olympus_Mons/);
    expect(isKnownTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isKnownTimeZone('Europe/Helsinki')).toBe(true);
  });
});
