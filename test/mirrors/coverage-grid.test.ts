// The coverage grid's columns, cells and colours, the per-day tally behind it, and the audit CSV's fields,
// as pure functions.
import { describe, expect, it } from 'vitest';
import { csvField } from '../../lib/mirrors/audit-csv';
import { tallyCoverage } from '../../lib/mirrors/coverage';
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

describe('tallyCoverage', () => {
  const at = (day: string, hour = 12) => Date.parse(`${day}T${String(hour).padStart(2, '0')}:00:00Z`);
  const file = (relativePath: string, mtimeMs: number) => ({ relativePath, size: 1, mtimeMs });

  it('counts source files per instrument and UTC day, and what is missing or differs, never what only the target has', () => {
    const a = file('raw/cl61/a.nc', at('2026-11-20', 23));
    const b = file('raw/cl61/b.nc', at('2026-11-21', 0));
    const c = file('products/quicklooks/cl61/c.png', at('2026-11-21'));
    const d = file('raw/asfs/d.dat', at('2026-11-21'));
    const outside = file('raw/asfs/old.dat', at('2026-09-01'));
    const noInstrument = file('products/summary.csv', at('2026-11-21'));
    const cells = tallyCoverage([a, b, c, d, outside, noInstrument], [
      { status: 'missing_on_target', entry: b },
      { status: 'differs', entry: d, other: file('raw/asfs/d.dat', at('2026-11-21')) },
      { status: 'missing_on_source', entry: file('raw/cl61/stray.nc', at('2026-11-21')) },
      { status: 'missing_on_target', entry: noInstrument },
    ], (e) => e.mtimeMs >= at('2026-11-01', 0));
    expect(cells).toEqual([
      { instrument: 'asfs', day: '2026-11-21', sourceCount: 1, missingOnTarget: 0, differs: 1 },
      { instrument: 'cl61', day: '2026-11-20', sourceCount: 1, missingOnTarget: 0, differs: 0 },
      { instrument: 'cl61', day: '2026-11-21', sourceCount: 2, missingOnTarget: 1, differs: 0 },
    ]);
  });
});

describe('audit CSV fields', () => {
  it('quotes every field, doubles quotes, and defuses what a spreadsheet would run as a formula', () => {
    expect(csvField('raw/a,b.nc')).toBe('"raw/a,b.nc"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    for (const formula of ['=1+1', '+1', '-1', '@SUM(A1)', '\t=1']) expect(csvField(formula)).toBe(`"'${formula}"`);
    expect(csvField(null)).toBe('');
    expect(csvField(42)).toBe('"42"');
  });
});
