// The live page's status card, computed from the records the browser holds. Pure functions of the records
// and the time, so the numbers can be checked without a browser.
import type { LiveRecordDto } from './feed-types';

export const COMPLETENESS_WINDOW_MS = 10 * 60_000;
export const PRESSURE_TENDENCY_MS = 3 * 60_000;
export const AVERAGE_WINDOW_MS = 30_000;

export function utcMidnightMs(nowMs: number): number {
  return Math.floor(nowMs / 86_400_000) * 86_400_000;
}

const valueOf = (r: LiveRecordDto, name: string): number | null => {
  const v = r.v[name];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
};

/** Percent of the records the logger should have written in the last 10 minutes that are here (≤ 100). */
export function completenessPercent(records: LiveRecordDto[], nowMs: number, intervalMs: number): number {
  const from = nowMs - COMPLETENESS_WINDOW_MS;
  const expected = COMPLETENESS_WINDOW_MS / intervalMs;
  const seen = new Set(records.filter((r) => r.t > from && r.t <= nowMs).map((r) => r.t)).size;
  return Math.min(100, (100 * seen) / expected);
}

/** Latest value minus the value 3 minutes before the latest record (null without both). */
export function pressureTendency(records: LiveRecordDto[], name: string, factor = 1): number | null {
  const latest = [...records].reverse().find((r) => valueOf(r, name) !== null);
  if (!latest) return null;
  const target = latest.t - PRESSURE_TENDENCY_MS;
  let before: LiveRecordDto | undefined;
  for (const r of records) {
    if (r.t > target) break;
    if (valueOf(r, name) !== null) before = r;
  }
  if (!before || target - before.t > 60_000) return null;
  return (valueOf(latest, name)! - valueOf(before, name)!) * factor;
}

/** Mean over the 30 s up to the latest record. */
export function recentMean(records: LiveRecordDto[], name: string): number | null {
  const latest = records.at(-1);
  if (!latest) return null;
  const values = records.filter((r) => r.t > latest.t - AVERAGE_WINDOW_MS).map((r) => valueOf(r, name)).filter((v): v is number => v !== null);
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
}

/** Mean direction over the 30 s up to the latest record (a vector mean: 350° and 10° average to 0°). */
export function recentMeanDirection(records: LiveRecordDto[], name: string): number | null {
  const latest = records.at(-1);
  if (!latest) return null;
  let x = 0;
  let y = 0;
  let n = 0;
  for (const r of records) {
    const d = r.t > latest.t - AVERAGE_WINDOW_MS ? valueOf(r, name) : null;
    if (d === null) continue;
    x += Math.sin((d * Math.PI) / 180);
    y += Math.cos((d * Math.PI) / 180);
    n += 1;
  }
  if (n === 0 || (Math.abs(x) < 1e-9 && Math.abs(y) < 1e-9)) return null;
  return ((Math.atan2(x, y) * 180) / Math.PI + 360) % 360;
}

export function maxSince(records: LiveRecordDto[], name: string, sinceMs: number): number | null {
  let max: number | null = null;
  for (const r of records) {
    const v = r.t >= sinceMs ? valueOf(r, name) : null;
    if (v !== null && (max === null || v > max)) max = v;
  }
  return max;
}

/** A GPS fix needs both coordinates; a logger without a fix writes NAN (null here). */
export function hasGpsFix(record: LiveRecordDto | undefined, lat?: string, lon?: string): boolean {
  return Boolean(record && lat && lon && valueOf(record, lat) !== null && valueOf(record, lon) !== null);
}

/** Inserts records (arriving in journal order, which backfills make differ from time order) keeping time order. */
export function mergeRecords(existing: LiveRecordDto[], incoming: LiveRecordDto[], keepFromMs: number): LiveRecordDto[] {
  if (incoming.length === 0) return existing;
  // The common case, one new record after the newest: append, no re-sort of two hours of records.
  const newest = existing.at(-1);
  if (newest && incoming.every((r, i) => r.t > (i === 0 ? newest.t : incoming[i - 1]!.t))) {
    const start = existing.findIndex((r) => r.t >= keepFromMs);
    return [...existing.slice(start === -1 ? existing.length : start), ...incoming];
  }
  const byTime = new Map(existing.map((r) => [r.t, r]));
  for (const r of incoming) byTime.set(r.t, r);
  return [...byTime.values()].filter((r) => r.t >= keepFromMs).sort((a, b) => a.t - b.t);
}
