// The built-in demo campaign: what `fieldops start` runs when there is no config file. Its sources are
// folders under the data folder that the demo simulators write real instrument formats into.
import path from 'node:path';
import { getEnv } from '../env';
import { configSchema, type FieldopsConfig } from './schema';

export interface DemoOptions {
  /**
   * Where the simulated Campbell logger answers DataQuery. The supervisor passes it once the simulator
   * listens; its children find it in FIELDOPS_DEMO_LOGGER_URL.
   */
  loggerUrl?: string;
}

export function demoSourceDir(dataDir: string, instrument: string): string {
  return path.join(dataDir, 'demo', 'sources', instrument);
}

/** The demo's "legacy archive" mirror target, filled by lib/mirrors/demo-archive.ts with a few files lost. */
export function demoArchiveDir(dataDir: string): string {
  return path.join(dataDir, 'demo', 'archive');
}

export function demoConfig(dataDir: string, options: DemoOptions = {}): FieldopsConfig {
  const src = (id: string) => demoSourceDir(dataDir, id);
  return configSchema.parse({
    campaign: { name: 'fieldops demo campaign', timezone: 'UTC' },
    sites: [
      { id: 'summit', name: 'Summit Station (simulated)', lat: 72.58, lon: -38.46 },
      { id: 'mobile', name: 'Mobile mesonet (simulated)' },
    ],
    instruments: [
      // A logger program names its own variables, so the kind cannot know which matter: the overview shows these.
      { id: 'asfs', name: 'Met tower logger (TOA5)', site: 'summit', kind: 'campbell-toa5', expectedInterval: '60s',
        source: { path: src('asfs'), pattern: '**/*.dat', lookbackDays: 3 }, schedule: { sync: '* * * * *', quicklooks: '*/5 * * * *' },
        keyVariables: ['AirTC_Avg', 'RH', 'BP_mbar_Avg', 'WS_ms_S_WVT', 'SWin_Avg'] },
      { id: 'cl61', name: 'Ceilometer CL61', site: 'summit', kind: 'vaisala-cl61', expectedInterval: '5m',
        source: { path: src('cl61'), pattern: '**/*.nc', lookbackDays: 3 }, schedule: { sync: '*/5 * * * *', quicklooks: '*/5 * * * *' } },
      { id: 'hatpro', name: 'Microwave radiometer HATPRO', site: 'summit', kind: 'rpg-hatpro', expectedInterval: '15m',
        source: { path: src('hatpro'), lookbackDays: 3 }, schedule: { sync: '*/15 * * * *', quicklooks: '*/5 * * * *' } },
      { id: 'cam1', name: 'Sky camera', site: 'summit', kind: 'webcam', expectedInterval: '10m',
        source: { path: src('cam1'), pattern: '**/*.jpg', lookbackDays: 3 }, schedule: { timelapse: '*/5 * * * *' } },
      { id: 'van1', name: 'Vehicle logger (1 Hz)', site: 'mobile', kind: 'campbell-dataquery', expectedInterval: '1s',
        schedule: { quicklooks: '*/10 * * * *' },
        logger: { url: options.loggerUrl ?? getEnv().FIELDOPS_DEMO_LOGGER_URL ?? 'http://127.0.0.1:8641', table: 'Public', pollSeconds: 1, retryMax: 100, retryDelay: '5s' } },
    ],
    mirrors: [
      // Verified every five minutes so that a fresh start shows the archive's lost files within minutes, two
      // minutes after the source syncs (which run on the five) so the archive has caught up with what they
      // fetched; synced nightly (or by "sync now" on /ops/mirrors), which copies the lost files over.
      { id: 'archive', target: { path: demoArchiveDir(dataDir) }, include: ['raw', 'products'],
        lookbackDays: 30, compareBy: 'basename', schedule: '0 2 * * *', verify: '2-59/5 * * * *' },
    ],
    alerts: {
      rules: [
        { name: 'feed-stale', metric: 'feed_age_seconds', match: { instrument: 'van1' }, above: 30, for: '30s', severity: 'critical' },
        { name: 'disk', metric: 'disk_used_percent', above: 90, for: '10m', severity: 'warning' },
      ],
    },
  });
}
