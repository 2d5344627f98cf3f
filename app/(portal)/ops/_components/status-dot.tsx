// A component's state as a coloured dot and a word, from how long ago it last said it was alive.
export type DotState = 'up' | 'late' | 'down' | 'paused' | 'disabled';

export function beatState(ageSeconds: number): DotState {
  return ageSeconds < 30 ? 'up' : ageSeconds < 120 ? 'late' : 'down';
}

export function StatusDot({ state, label }: { state: DotState; label?: string }) {
  return <span className={`state state-${state}`} data-state={state}>{label ?? state}</span>;
}

export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '—';
  if (seconds < 1) return `${Math.round(seconds * 1000)} ms`;
  if (seconds < 90) return `${Math.round(seconds * 10) / 10} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172_800) return `${Math.round(seconds / 360) / 10} h`;
  return `${Math.round(seconds / 8640) / 10} d`;
}
