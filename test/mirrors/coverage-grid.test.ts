// The coverage grid's columns and cells, and its colours, as pure functions.
import { describe, expect, it } from 'vitest';
import { completenessColour, coverageGrid, MAX_GRID_DAYS, MIN_GRID_DAYS } from '../../lib/mirrors/coverage-grid';

describe('coverageGrid', () => {
  it('starts at the first day with files, keeps two weeks at least, and fills days without files as empty', () => {
    const grid = coverageGrid({ start: '2026-10-01', end: '2026-11-21' }, [
      { instrument: 'cl61', day: '2026-11-20', expected: 4, present: 2 },
      { instrument: 'asfs', day: '2026-11-21', expected: 1, present: 1 },
    ]);
    expect(grid.days).toHaveLength(MIN_GRID_DAYS);
    expect(grid.days.at(-1)).toBe('2026-11-21');
    expect(grid.rows.map((r) => r.instrument)).toEqual(['asfs', 'cl61']);
    const cl61 = grid.rows[1]!.cells;
    expect(cl61.at(-2)).toEqual({ day: '2026-11-20', expected: 4, present: 2, ratio: 0.5 });
    expect(cl61.at(-1)).toEqual({ day: '2026-11-21', expected: 0, present: 0, ratio: null });

    const early = coverageGrid({ start: '2026-10-01', end: '2026-11-21' }, [{ instrument: 'cl61', day: '2026-10-03', expected: 1, present: 0 }]);
    expect(early.days[0]).toBe('2026-10-03');
  });

  it('shows at most two months of a long window, and nothing outside the window', () => {
    const grid = coverageGrid({ start: '2025-01-01', end: '2026-11-21' }, [{ instrument: 'x', day: '2025-02-01', expected: 1, present: 1 }]);
    expect(grid.days).toHaveLength(MAX_GRID_DAYS);
    expect(grid.rows[0]!.cells.every((c) => c.ratio === null)).toBe(true);
    expect(coverageGrid({ start: '2026-11-21', end: '2026-11-21' }, []).days).toEqual(['2026-11-21']);
  });

  it('colours complete green, a few missing amber, most missing red, no files grey', () => {
    expect([1, 0.95, 0.6, 0.1, 0, null].map(completenessColour)).toEqual(['#16a34a', '#facc15', '#f97316', '#dc2626', '#dc2626', '#e5e7eb']);
  });
});
