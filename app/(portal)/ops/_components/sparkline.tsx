// A small inline-SVG line of a health metric (no client JavaScript): the shape of the last hours at a glance.
export function Sparkline({ points, max, label }: { points: { time: Date; value: number | null }[]; max?: number; label: string }) {
  const width = 160;
  const height = 32;
  const values = points.filter((p): p is { time: Date; value: number } => p.value !== null);
  if (values.length < 2) return <span className="muted">no history yet</span>;
  const t0 = values[0]!.time.getTime();
  const t1 = values.at(-1)!.time.getTime();
  const top = max ?? Math.max(...values.map((p) => p.value), 1e-9);
  const x = (t: number) => (t1 === t0 ? 0 : ((t - t0) / (t1 - t0)) * width);
  const y = (v: number) => height - 2 - (Math.min(v, top) / top) * (height - 4);
  const d = values.map((p, i) => `${i ? 'L' : 'M'}${x(p.time.getTime()).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ');
  return (
    <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label} className="sparkline">
      <path d={d} fill="none" stroke="#2b5fc4" strokeWidth="1.5" />
    </svg>
  );
}
