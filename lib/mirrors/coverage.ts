// The coverage grid's numbers, tallied while a verification has both listings in hand: per instrument and
// day (UTC day of the mtime, as everywhere in mirrors), the source's files and how many of them the target
// lacks or holds differently. The audit items alone cannot give this: they list what is wrong, not what
// was expected.
import type { SourceEntry } from '../sources/types';
import { instrumentOf } from './groups';
import type { Finding } from './plan';
import { dayOf } from './window';

const DAY_MS = 86_400_000;

export interface DayCoverage {
  instrument: string;
  day: string;
  sourceCount: number;
  missingOnTarget: number;
  differs: number;
}

export function tallyCoverage(sourceFiles: readonly SourceEntry[], findings: readonly Finding[], inWindow: (e: SourceEntry) => boolean): DayCoverage[] {
  // Keyed by instrument, then by whole UTC day number: a verification calls this for every source file, so
  // no date string or composite key is built per file (only per cell).
  const byInstrument = new Map<string, Map<number, DayCoverage>>();
  const cellOf = (entry: SourceEntry): DayCoverage | null => {
    const instrument = instrumentOf(entry.relativePath);
    if (instrument === null) return null;
    let days = byInstrument.get(instrument);
    if (!days) byInstrument.set(instrument, (days = new Map()));
    const dayNumber = Math.floor(entry.mtimeMs / DAY_MS);
    let cell = days.get(dayNumber);
    if (!cell) days.set(dayNumber, (cell = { instrument, day: dayOf(dayNumber * DAY_MS), sourceCount: 0, missingOnTarget: 0, differs: 0 }));
    return cell;
  };
  for (const entry of sourceFiles) {
    if (!inWindow(entry)) continue;
    const cell = cellOf(entry);
    if (cell) cell.sourceCount += 1;
  }
  for (const finding of findings) {
    if (finding.status === 'missing_on_source') continue;
    const cell = cellOf(finding.entry);
    if (!cell) continue;
    if (finding.status === 'missing_on_target') cell.missingOnTarget += 1;
    else cell.differs += 1;
  }
  return [...byInstrument.values()].flatMap((days) => [...days.values()])
    .sort((a, b) => a.instrument.localeCompare(b.instrument) || a.day.localeCompare(b.day));
}
