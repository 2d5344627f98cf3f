// What a health collector returns: compact readings (one health_snapshots row each, what alert rules match
// on) and a raw section for the day's JSONL file (everything an operator may want later: pids, states).

export interface HealthReading {
  /** What was observed: `worker@host`, `feed:van1`, `disk:/data`, `queue:append`. */
  component: string;
  metric: string;
  labels: Record<string, string>;
  /** Null when the thing exists but has no reading (an instrument that never delivered data). */
  value: number | null;
}

export interface CollectorResult {
  readings: HealthReading[];
  raw: unknown;
}

export function reading(component: string, metric: string, labels: Record<string, string>, value: number | null): HealthReading {
  return { component, metric, labels, value: value === null || !Number.isFinite(value) ? null : value };
}

export const secondsBetween = (from: Date, to: Date) => Math.max(0, Math.round((to.getTime() - from.getTime()) / 100) / 10);
