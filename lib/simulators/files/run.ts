// Entry of the demo's file simulators, run by the supervisor as a child process for the built-in demo
// campaign only: the met tower, ceilometer, radiometer and sky camera write into
// <data>/demo/sources/<instrument>/ on the wall clock, and the demo archive follows the data store. SIGTERM
// (or the supervisor going away) lets the write in progress finish, then exits.
import { demoConfig } from '../../config/demo';
import { getEnv } from '../../env';
import { createLogger } from '../../log';
import { startDemoArchiveSeeder } from '../../mirrors/demo-archive';
import { FileSimulators } from './simulator';

process.env.FIELDOPS_COMPONENT = 'demo-files';
const env = getEnv();
const log = createLogger('demo-files');
const summit = demoConfig(env.dataDir).sites.find((site) => site.id === 'summit');
if (summit?.lat === undefined || summit.lon === undefined) throw new Error('the demo campaign has no summit site with coordinates');

const simulators = new FileSimulators({ dataDir: env.dataDir, site: { lat: summit.lat, lon: summit.lon }, log: (message) => log.info(message) });
simulators.start();
log.info(`writing ${simulators.producers.map((p) => p.instrument).join(', ')} into ${env.dataDir}/demo/sources`);
// The demo mirror's target: a legacy archive that follows the data store, losing a few files on the way.
const archive = startDemoArchiveSeeder(env.dataDir, (message) => log.warn(message));
process.send?.({ type: 'ready' });

let stopping = false;
async function shutdown(reason: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info(`stopping (${reason})`);
  await simulators.stop();
  await archive.stop();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('disconnect', () => void shutdown('supervisor gone'));
