// The coverage grid's numbers, tallied while a verification has both listings in hand: per instrument and
// day (UTC day of the mtime, as everywhere in mirrors), the source's files and how many of them the target
// lacks or holds differently. The audit items alone cannot give this: they list what is wrong, not what
// was expected.
import type { SourceEntry } from '../sources/types';
import { instrumentOf } from './groups';
import type { Finding } from './plan';
import { dayOf } from './window';

export interface DayCoverage {
  instrument: string;
  day: string;
  sourceCount: number;
  missingOnTarget: number;
  differs: number;
}

export function tallyCoverage(sourceFiles: readonly SourceEntry[], findings: readonly Finding[], inWindow: (e: SourceEntry) => boolean): DayCoverage[] {
  const cells = new Map<string, DayCoverage>();
  const cellOf = (entry: SourceEntry): DayCoverage | null => {
    const instrument = instrumentOf(entry.relativePath);
    if (instrument === null) return null;
    const day = dayOf(entry.mtimeMs);
    const key = `${instrument}\u0000${day}`;
    let cell = cells.get(key);
    if (!cell) cells.set(key, (cell = { instrument, day, sourceCount: 0, missingOnTarget: 0, differs: 0 }));
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
  return [...cells.values()].sort((a, b) => a.instrument.localeCompare(b.instrument) || a.day.localeCompare(b.day));
}
