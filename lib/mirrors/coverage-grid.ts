// The coverage grid of one audit as rows the page draws: the days of the audit window as columns (from the
// first day with files, at least the last two weeks, at most two months), every instrument with files in it
// as a row, each cell the share of the source's files the mirror holds.
export interface CoverageInput {
  instrument: string;
  day: string;
  expected: number;
  present: number;
}

export interface GridCell {
  day: string;
  expected: number;
  present: number;
  /** present / expected, or null on a day without files. */
  ratio: number | null;
}

export interface CoverageGrid {
  days: string[];
  rows: { instrument: string; cells: GridCell[] }[];
}

const DAY_MS = 86_400_000;
/** A window longer than this shows its last days only (a year-long audit would not fit a page). */
export const MAX_GRID_DAYS = 62;
/** Leading days without any file are left out, down to this many columns. */
export const MIN_GRID_DAYS = 14;

export function coverageGrid(window: { start: string; end: string }, cells: readonly CoverageInput[]): CoverageGrid {
  const endMs = Date.parse(`${window.end}T00:00:00Z`);
  const windowStartMs = Math.max(Date.parse(`${window.start}T00:00:00Z`), endMs - (MAX_GRID_DAYS - 1) * DAY_MS);
  // A two-month window with a week of data starts where the data does, so today's column is in view.
  const firstWithFiles = Math.min(endMs, ...cells.filter((c) => c.expected > 0).map((c) => Date.parse(`${c.day}T00:00:00Z`)));
  const startMs = Math.max(windowStartMs, Math.min(firstWithFiles, endMs - (MIN_GRID_DAYS - 1) * DAY_MS));
  const days: string[] = [];
  for (let ms = startMs; ms <= endMs; ms += DAY_MS) days.push(new Date(ms).toISOString().slice(0, 10));
  const byInstrument = new Map<string, Map<string, CoverageInput>>();
  for (const cell of cells) {
    let row = byInstrument.get(cell.instrument);
    if (!row) byInstrument.set(cell.instrument, (row = new Map()));
    row.set(cell.day, cell);
  }
  const rows = [...byInstrument.keys()].sort().map((instrument) => ({
    instrument,
    cells: days.map((day): GridCell => {
      const c = byInstrument.get(instrument)!.get(day);
      const expected = c?.expected ?? 0;
      const present = c?.present ?? 0;
      return { day, expected, present, ratio: expected > 0 ? present / expected : null };
    }),
  }));
  return { days, rows };
}

/** The cell colour: grey without files, green when complete, amber to red as more is missing. */
export function completenessColour(ratio: number | null): string {
  if (ratio === null) return '#e5e7eb';
  if (ratio >= 1) return '#16a34a';
  if (ratio >= 0.9) return '#facc15';
  if (ratio >= 0.5) return '#f97316';
  return '#dc2626';
}
