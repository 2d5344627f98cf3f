// CPU load and memory of the host the collecting worker runs on. The collector is a singleton, so on a
// multi-host deployment this is the host that happened to collect; each reading carries its host label.
import os from 'node:os';
import { reading, type CollectorResult } from './types';

export function collectHost(): CollectorResult {
  const host = os.hostname();
  const cpus = os.cpus().length || 1;
  const [load1] = os.loadavg();
  const total = os.totalmem();
  const free = os.freemem();
  const usedPercent = total > 0 ? Math.round((1000 * (total - free)) / total) / 10 : null;
  const component = `host:${host}`;
  const labels = { host };
  return {
    // Load per core: 1.0 means every core busy, whatever the machine's size.
    readings: [reading(component, 'host_load_per_cpu', labels, Math.round((100 * (load1 ?? 0)) / cpus) / 100),
      reading(component, 'host_memory_used_percent', labels, usedPercent)],
    raw: { host, cpus, loadavg: os.loadavg(), totalMemBytes: total, freeMemBytes: free },
  };
}
