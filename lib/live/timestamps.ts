// GPS-disciplined logger clocks sometimes stamp two consecutive records with the same second (and then
// skip one). Two records cannot share a time in the database, so a repeated stamp on a new record becomes
// previous + one step, and the correction is counted so the feed's health shows how often it happens.
import type { LoggerRecord } from './dataquery-response';

export interface Corrected {
  records: LoggerRecord[];
  corrections: number;
}

/**
 * `records` must be in record-number order and newer than the record stamped `previousTimeMs`. Only a
 * stamp that does not move forward by less than two steps is treated as a repeat; a clock that jumps
 * back further was reset, and that is left for the operator to see rather than papered over.
 */
export function correctRepeatedTimestamps(previousTimeMs: number | null, records: LoggerRecord[], stepMs = 1000): Corrected {
  let previous = previousTimeMs;
  let corrections = 0;
  const out = records.map((record) => {
    if (previous !== null && record.timeMs <= previous && previous - record.timeMs < 2 * stepMs) {
      corrections += 1;
      previous += stepMs;
      return { ...record, timeMs: previous };
    }
    previous = record.timeMs;
    return record;
  });
  return { records: out, corrections };
}
