// Axis ticks: UTC time ticks at round hours for a day-long window, and "nice" value ticks (1, 2, 5 × 10^n).
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export interface Tick {
  value: number;
  label: string;
}

/** [window longer than, tick step], longest first; shorter windows tick every minute. */
const TIME_STEPS: readonly (readonly [number, number])[] = [
  [36 * HOUR, 6 * HOUR],
  [12 * HOUR, 3 * HOUR],
  [4 * HOUR, HOUR],
  [HOUR, 15 * MINUTE],
  [20 * MINUTE, 5 * MINUTE],
];

export function timeTicks(startMs: number, endMs: number): Tick[] {
  const span = endMs - startMs;
  const step = TIME_STEPS.find(([longerThan]) => span > longerThan)?.[1] ?? MINUTE;
  const ticks: Tick[] = [];
  for (let t = Math.ceil(startMs / step) * step; t <= endMs; t += step) {
    const d = new Date(t);
    const hhmm = `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
    // Midnight carries the date so a rolling window shows where the day changes.
    ticks.push({ value: t, label: hhmm === '00:00' ? d.toISOString().slice(5, 10) : hhmm });
  }
  return ticks;
}

export function valueTicks(min: number, max: number, target = 5): Tick[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  if (min === max) return [{ value: min, label: formatValue(min, 1) }];
  const raw = (max - min) / target;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? 10 * magnitude;
  const ticks: Tick[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) ticks.push({ value: v, label: formatValue(v, step) });
  return ticks;
}

function formatValue(value: number, step: number): string {
  if (Math.abs(value) < step * 1e-6) return '0';
  const decimals = Math.max(0, Math.min(6, -Math.floor(Math.log10(Math.abs(step)))));
  const abs = Math.abs(value);
  if (abs >= 1e5 || (abs > 0 && abs < 1e-3)) return value.toExponential(1);
  return value.toFixed(decimals);
}
