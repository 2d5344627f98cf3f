export interface BenchResult {
  name: string;
  metric: string;
  value: number;
  unit: string;
  baselineName: string;
  baseline: number;
  /** value / baseline, oriented so that higher is better for the app (or as the issue states its target). */
  ratio: number;
  target: string;
  extra?: string;
}

export function printResults(results: BenchResult[]): void {
  const fmt = (n: number) => (Math.abs(n) >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(2));
  process.stdout.write('\nbenchmark  metric                          value               baseline                               ratio   target\n');
  for (const r of results) {
    process.stdout.write(`${r.name.padEnd(10)} ${r.metric.padEnd(31)} ${`${fmt(r.value)} ${r.unit}`.padEnd(19)} ` +
      `${`${r.baselineName}: ${fmt(r.baseline)} ${r.unit}`.padEnd(38)} ${r.ratio.toFixed(2).padStart(5)}   ${r.target}` +
      `${r.extra ? `\n           ${r.extra}` : ''}\n`);
  }
}
