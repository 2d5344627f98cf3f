// The two time settings of a TOB3 table (header line 2): the interval between records inside a frame
// (`100 MSEC`, `1 SEC`, `30 MIN`) and the unit of a frame header's sub-second count (`Sec100Usec`: ticks of
// 100 microseconds). Names and units as Campbell's own reader (Csi.Tob2.DataFile.cpp) and camp2ascii read them.

const INTERVAL = /^\s*(\d+(?:\.\d+)?)\s*(NSEC|USEC|MSEC|SEC|MIN|HR|HOUR|DAY)S?\s*$/i;
const INTERVAL_MS: Record<string, number> = { NSEC: 1e-6, USEC: 1e-3, MSEC: 1, SEC: 1000, MIN: 60_000, HR: 3_600_000, HOUR: 3_600_000, DAY: 86_400_000 };

/** Milliseconds between records, or null when the text is not an interval. */
export function parseRecordInterval(text: string): number | null {
  const m = INTERVAL.exec(text);
  if (!m) return null;
  const ms = Number(m[1]) * INTERVAL_MS[m[2]!.toUpperCase()]!;
  return Number.isFinite(ms) ? ms : null;
}

const RESOLUTION = /^\s*Sec(\d*)(M|U|N)sec\s*$/i;
const UNIT_MS: Record<string, number> = { M: 1, U: 1e-3, N: 1e-6 };

/**
 * Milliseconds per sub-second tick (`Sec100Usec` 0.1, `Sec10Usec` 0.01, `SecMsec` 1, `Sec50NSec` 0.00005),
 * or null. A bare `SecUsec` is 10 microseconds: Campbell's reader says that retired name meant 10 usec.
 */
export function parseFrameResolution(text: string): number | null {
  const m = RESOLUTION.exec(text);
  if (!m) return null;
  const unit = m[2]!.toUpperCase();
  const factor = m[1] !== '' ? Number(m[1]) : unit === 'U' ? 10 : 1;
  if (!(factor >= 1 && factor <= 1_000_000)) return null;
  return factor * UNIT_MS[unit]!;
}
