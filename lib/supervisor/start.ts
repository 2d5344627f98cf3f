// `fieldops start`: preflight, database (embedded unless DATABASE_URL), migrations, config sync, then the
// web server and a worker as supervised children. Ctrl-C/SIGTERM stops them in order (web, worker, then the
// database); a second Ctrl-C kills the children at once. If the npm process that launched us disappears
// (kill -9), we stop everything too, so nothing outlives its owner.
import fs from 'node:fs';
import path from 'node:path';
import { createDatabase } from '../../db/client';
import { syncConfigToDatabase } from '../../db/queries/config-sync';
import { runMigrations } from '../../db/migrate';
import { describeCapabilities, detectCapabilities } from '../../db/timeseries/capabilities';
import { ensureFirstAdmin, formatFirstAdminNotice } from '../auth/bootstrap';
import { loadAuthSecret } from '../auth/secret';
import { ConfigError, loadConfig } from '../config/load';
import { demoConfig } from '../config/demo';
import { type DatabaseHandle, liveSupervisorPid, openDatabase } from '../database/open';
import { getEnv } from '../env';
import { dataPaths, projectRoot } from '../paths';
import { buildIsCurrent, runNextBuild } from './build';
import { SupervisedChild } from './child';
import { type CommandConsumer, startCommandConsumer } from '../ops/control/command-consumer';
import { startDemoLogger } from './demo-logger';
import { startDemoFileSimulators } from './demo-files';
import { note } from './console';
import { findNpmOwner, watchOwner } from './owner';
import { checkDataFolder, freeBytes, Preflight } from './preflight';

export async function startSupervisor(): Promise<void> {
  const env = getEnv();
  const paths = dataPaths(env.dataDir);
  const preflight = new Preflight();
  process.stdout.write(`fieldops: starting (data folder ${env.dataDir})\n`);

  let loaded;
  try {
    loaded = loadConfig({ configPath: env.FIELDOPS_CONFIG, dataDir: env.dataDir });
  } catch (error) {
    if (error instanceof ConfigError) preflight.record('FAIL', 'config', error.message);
    throw error;
  }
  const { file } = loaded;
  // The demo's live vehicle logger runs in this process; its URL reaches the children via the environment.
  const demoLogger = file ? null : await startDemoLogger();
  const config = demoLogger ? demoConfig(env.dataDir, { loggerUrl: demoLogger.url }) : loaded.config;
  preflight.record('PASS', 'config', file
    ? `${file}: ${config.sites.length} site(s), ${config.instruments.length} instrument(s), ${config.mirrors.length} mirror(s)`
    : `built-in demo campaign (no fieldops.config.yaml here; set FIELDOPS_CONFIG to use yours); simulated vehicle logger at ${demoLogger?.url}`);

  const folderError = checkDataFolder(env.dataDir);
  if (folderError) {
    preflight.record('FAIL', 'data folder', `${env.dataDir} is not writable: ${folderError}`);
    throw new Error(`the data folder ${env.dataDir} is not writable`);
  }
  const free = freeBytes(env.dataDir);
  const freeText = free === null ? 'free space unknown' : `${(free / 1e9).toFixed(1)} GB free`;
  preflight.record(free !== null && free < 1e9 ? 'WARN' : 'PASS', 'data folder', `${env.dataDir} (${freeText})`);

  const other = liveSupervisorPid(env.dataDir);
  if (other) {
    preflight.record('FAIL', 'already up', `fieldops is already running on this data folder (pid ${other}); stop it first`);
    throw new Error('fieldops is already running on this data folder');
  }
  fs.mkdirSync(paths.run, { recursive: true });
  fs.writeFileSync(paths.supervisorPid, String(process.pid));

  let database: DatabaseHandle | null = null;
  const children: SupervisedChild[] = [];
  let control: CommandConsumer | null = null;
  let shuttingDown = false;
  const shutdown = async (reason: string, code = 0): Promise<void> => {
    if (shuttingDown) {
      note('second stop request: killing the web server and workers now');
      children.forEach((c) => c.kill());
      return;
    }
    shuttingDown = true;
    note(`stopping (${reason})`);
    await control?.stop();
    for (const child of children) await child.stop();
    await demoLogger?.close();
    if (database) {
      await database.close();
      if (database.embedded) note('database stopped');
    }
    fs.rmSync(paths.supervisorPid, { force: true });
    note('stopped cleanly');
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGHUP', () => void shutdown('SIGHUP'));
  const owner = findNpmOwner();
  if (owner) watchOwner(owner, () => void shutdown(`npm (pid ${owner}) is gone`));

  try {
    database = await openDatabase(env, { owner: 'supervisor', log: note });
    preflight.record('PASS', 'database', database.describe);
    const db = createDatabase(database.url, { max: 2, applicationName: 'fieldops-supervisor' });
    try {
      const { applied } = await runMigrations(database.url, path.join(projectRoot, 'drizzle'));
      preflight.record('PASS', 'migrations', applied ? `${applied} applied` : 'schema is current');
      const caps = await detectCapabilities(db);
      preflight.record(caps.timescaledbAvailable && !caps.timescaledb ? 'WARN' : 'PASS', 'capabilities',
        `${describeCapabilities(caps)}${caps.timescaledb ? '' : ' (plain tables, BRIN indexes, roll-ups refreshed by a job)'}`);
      const synced = await syncConfigToDatabase(db, config);
      preflight.record('PASS', 'config sync', `${synced.sites} site(s), ${synced.instruments} instrument(s), ${synced.mirrors} mirror(s)` +
        (synced.disabled.length ? `; disabled (gone from config): ${synced.disabled.join(', ')}` : ''));
      const firstAdmin = await ensureFirstAdmin(db, env.FIELDOPS_ADMIN_EMAIL);
      if (firstAdmin) process.stdout.write(`\n${formatFirstAdminNotice(firstAdmin)}\n`);
    } finally {
      await db.$client.end();
    }

    if (!buildIsCurrent()) {
      preflight.record('WARN', 'web build', 'missing or older than the sources: building it now (a minute or two)');
      await runNextBuild((line) => process.stdout.write(`  [build] ${line}\n`));
    } else {
      preflight.record('PASS', 'web build', path.join(projectRoot, '.next'));
    }
    preflight.save(paths.run);

    // With an external DATABASE_URL nothing else has made the logs folder yet.
    fs.mkdirSync(paths.logs, { recursive: true });
    const jsonLog = fs.createWriteStream(path.join(paths.logs, 'fieldops.jsonl'), { flags: 'a' });
    const childEnv = { ...process.env, DATABASE_URL: database.url, FIELDOPS_DATA_DIR: env.dataDir, PORT: String(env.PORT),
      AUTH_SECRET: loadAuthSecret(env), ...(demoLogger ? { FIELDOPS_DEMO_LOGGER_URL: demoLogger.url } : {}) };
    const web = new SupervisedChild({ name: 'web', entry: 'lib/web/server.ts', env: childEnv, stopTimeoutMs: 10_000, jsonLog });
    const worker = new SupervisedChild({ name: 'worker', entry: 'workers/index.ts', env: childEnv, stopTimeoutMs: 30_000, jsonLog });
    children.push(web, worker);
    if (demoLogger) children.push(startDemoFileSimulators(childEnv, jsonLog));
    const webReady = web.whenReady();
    web.start();
    worker.start();
    await webReady;
    // Start, stop and restart from the ops page arrive over the database (lib/ops/control/command-consumer.ts).
    control = await startCommandConsumer({ databaseUrl: database.url, children, log: note });
    const host = env.HOST === '0.0.0.0' ? 'localhost' : env.HOST;
    process.stdout.write(`\nfieldops is running: http://${host}:${env.PORT}\n  data:  ${env.dataDir}\n  stop:  Ctrl-C\n\n`);
  } catch (error) {
    note(`start failed: ${(error as Error).message}`);
    await shutdown('start failed', 1);
  }
}
