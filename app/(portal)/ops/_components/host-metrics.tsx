// CPU load, memory and disks from the health monitor's latest readings, each with a sparkline of the last
// six hours (healthSeries, 5-minute buckets, the worst reading of each).
import { healthSeries, listLatestHealth } from '@/db/queries/health-snapshots';
import type { Database } from '@/db/client';
import { Sparkline } from './sparkline';

const METRICS: Record<string, { label: string; unit: string; max?: number }> = {
  host_load_per_cpu: { label: 'CPU load per core', unit: '' },
  host_memory_used_percent: { label: 'Memory used', unit: '%', max: 100 },
  disk_used_percent: { label: 'Disk used', unit: '%', max: 100 },
};

export async function HostMetrics({ db, now }: { db: Database; now: Date }) {
  const latest = (await listLatestHealth(db, 900, now)).filter((r) => r.metric in METRICS);
  if (latest.length === 0) return <p className="muted" style={{ padding: '0 1rem' }}>No host readings in the last 15 minutes (the health-collect job writes them every minute).</p>;
  const from = new Date(now.getTime() - 6 * 3600_000);
  const rows = await Promise.all(latest.map(async (r) => ({
    reading: r, series: await healthSeries(db, { metric: r.metric, component: r.component, from, to: now, bucketSeconds: 300 }),
  })));
  return (
    <table>
      <thead><tr><th>What</th><th>Where</th><th>Now</th><th>Last 6 h</th></tr></thead>
      <tbody>
        {rows.map(({ reading, series }) => {
          const meta = METRICS[reading.metric]!;
          return (
            <tr key={`${reading.metric}/${reading.component}`} data-metric={reading.metric}>
              <td>{meta.label}</td>
              <td>{reading.labels.host ?? reading.labels.path ?? reading.component}</td>
              <td>{reading.value === null ? '—' : `${reading.value}${meta.unit}`}</td>
              <td><Sparkline points={series} max={meta.max} label={`${meta.label} ${reading.component}`} /></td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
