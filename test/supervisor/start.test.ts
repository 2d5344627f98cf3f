// `fieldops start` as a user runs it: embedded database, migrations, web server and worker; /api/healthz;
// Ctrl-C leaves nothing behind; a kill -9 of the supervisor leaves only the database, which the next start
// adopts; `fieldops migrate` works beside a running portal; a bad config stops start-up naming the key.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { signInOverHttp } from '../helpers/auth';
import { ensureWebBuild } from '../helpers/web-build';
import { fetchHealthz, freePort, processesMentioning, processesWithEnv, runFieldops, type RunningCommand, waitFor } from '../helpers/fieldops-process';

let dataDir: string;
let port: number;
const running: RunningCommand[] = [];
/** The first admin's session cookie, to show that sessions survive a restart. */
let adminCookie: string | null = null;

beforeAll(async () => {
  await ensureWebBuild();
  dataDir = fs.mkdtempSync(path.join(inject('testRoot'), 'supervisor-'));
  port = await freePort();
}, 300_000);

afterAll(async () => {
  const kill = (pid: number) => {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  for (const r of running) kill(-r.child.pid!);
  for (const pid of leftovers()) kill(pid);
  // As root, a 0700 data folder (mkdtemp makes one) puts the cluster under /var/lib/fieldops: remove it.
  if (fs.lstatSync(path.join(dataDir, 'pg'), { throwIfNoEntry: false })?.isSymbolicLink()) fs.rmSync(clusterDir(), { recursive: true, force: true });
});

/** The cluster folder: <data>/pg, or where its link points when it had to be relocated. */
const clusterDir = () => fs.realpathSync(path.join(dataDir, 'pg'));

function start(extraEnv: Record<string, string> = {}): RunningCommand {
  const r = runFieldops(['start'], { FIELDOPS_DATA_DIR: dataDir, PORT: String(port), ...extraEnv });
  running.push(r);
  return r;
}

async function healthy(r: RunningCommand): Promise<Record<string, unknown>> {
  return waitFor('/api/healthz', async () => {
    if (r.child.exitCode !== null) throw new Error(`fieldops start exited early:\n${r.output()}`);
    return fetchHealthz(port);
  }, 90_000);
}

const leftovers = () => [
  ...processesMentioning(dataDir).map((p) => p.pid),
  ...(fs.existsSync(path.join(dataDir, 'pg')) ? processesMentioning(clusterDir()).map((p) => p.pid) : []),
  ...processesWithEnv('FIELDOPS_DATA_DIR', dataDir),
];

describe('fieldops start', () => {
  it('serves /api/healthz with the database capabilities, the demo campaign on /, and prints PASS lines', async () => {
    const r = start();
    const health = await healthy(r);
    expect(health).toMatchObject({ ok: true, database: { reachable: true, timescaledb: false } });

    // First start on an empty user table: an admin with a random password, printed once in a box.
    const password = /\|\s+password:\s+(\w{20})\s+\|/.exec(r.output())?.[1];
    expect(r.output()).toMatch(/\|\s+email:\s+admin@localhost\s+\|/);
    expect(password).toBeDefined();
    const signedOut = await fetch(`http://127.0.0.1:${port}/`, { redirect: 'manual' });
    expect([signedOut.status, signedOut.headers.get('location')]).toEqual([307, expect.stringMatching(/\/signin$/)]);
    const { cookie } = await signInOverHttp(`http://127.0.0.1:${port}`, 'admin@localhost', password!);
    expect(cookie).not.toBeNull();
    adminCookie = cookie;
    expect(fs.statSync(path.join(dataDir, 'auth-secret')).mode & 0o777).toBe(0o600);
    const page = () => fetch(`http://127.0.0.1:${port}/`, { headers: { cookie: cookie! } }).then((res) => res.text());
    const home = await page();
    for (const id of ['asfs', 'cl61', 'hatpro', 'cam1', 'van1']) expect(home).toContain(`data-instrument="${id}"`);
    await waitFor('the running banner', () => (r.output().includes('fieldops is running') ? true : undefined));
    expect(r.output()).toMatch(/PASS\s+config\s+built-in demo campaign/);
    expect(r.output()).toMatch(/PASS\s+capabilities\s+PostgreSQL 18[.\d]*; TimescaleDB no; toolkit no/);
    expect(r.output()).toContain(`data:  ${dataDir}`);

    // Workers and web servers keep heartbeat rows that the home page shows.
    await waitFor('both heartbeats on the home page', async () => {
      const html = await page();
      return /web \(pid \d+/.test(html) && /worker \(pid \d+/.test(html) ? true : undefined;
    });

    // A command beside the running portal uses its database and leaves it running.
    const migrate = runFieldops(['migrate'], { FIELDOPS_DATA_DIR: dataDir });
    expect(await migrate.exited).toBe(0);
    expect(migrate.output()).toContain('schema is current');
    expect(await fetchHealthz(port)).toMatchObject({ ok: true });
    const addUser = runFieldops(['user', 'add', '--email', 'ops@example.org', '--role', 'operator'], { FIELDOPS_DATA_DIR: dataDir });
    expect(await addUser.exited).toBe(0);
    const opsPassword = /password for ops@example\.org: (\w{20})/.exec(addUser.output())![1]!;
    expect((await signInOverHttp(`http://127.0.0.1:${port}`, 'ops@example.org', opsPassword)).cookie).not.toBeNull();
    expect(await fetchHealthz(port)).toMatchObject({ ok: true });

    // A second supervisor on the same data folder refuses to start.
    const second = runFieldops(['start'], { FIELDOPS_DATA_DIR: dataDir, PORT: String(await freePort()) });
    expect(await second.exited).not.toBe(0);
    expect(second.output()).toMatch(/already running on this data folder \(pid \d+\)/);

    process.kill(-r.child.pid!, 'SIGINT');
    expect(await r.exited).toBe(0);
    expect(r.output()).toContain('stopped cleanly');
    expect(leftovers()).toEqual([]);
    expect(await fetchHealthz(port)).toBeUndefined();
  });

  it('after a kill -9 of the supervisor: children exit, and the next start adopts the orphaned database', async () => {
    const first = start();
    await healthy(first);
    process.kill(first.child.pid!, 'SIGKILL');
    await waitFor('the web server to go away', async () => ((await fetchHealthz(port)) ? undefined : true), 20_000);
    await waitFor('web and worker to exit', () => (processesWithEnv('FIELDOPS_DATA_DIR', dataDir).length === 0 ? true : undefined), 20_000);
    expect(processesMentioning(clusterDir()).length).toBeGreaterThan(0); // the database survived

    const second = start();
    await healthy(second);
    expect(second.output()).toContain('reused the server already running');
    expect(second.output()).not.toContain('an admin account was created');
    // The session secret lives in the data folder, so a session from before the restart still works.
    const home = await fetch(`http://127.0.0.1:${port}/`, { headers: { cookie: adminCookie! }, redirect: 'manual' });
    expect(home.status).toBe(200);
    process.kill(-second.child.pid!, 'SIGINT');
    expect(await second.exited).toBe(0);
    expect(leftovers()).toEqual([]);
  });

  it('a command with no portal running starts the database for its own duration and stops it', async () => {
    const migrate = runFieldops(['migrate'], { FIELDOPS_DATA_DIR: dataDir });
    expect(await migrate.exited).toBe(0);
    expect(leftovers()).toEqual([]);
  });

  it('refuses a bad config with the file and key named, before starting anything', async () => {
    const config = path.join(dataDir, 'bad.yaml');
    fs.writeFileSync(config, 'campaign: { name: X }\nsites: [{ id: s, name: S }]\ninstruments:\n  - { id: a, site: s, kind: vaisala-cl61, source: { path: /x, lookbackDays: -1 } }\n');
    const r = runFieldops(['start'], { FIELDOPS_DATA_DIR: dataDir, PORT: String(port), FIELDOPS_CONFIG: config });
    expect(await r.exited).toBe(2);
    expect(r.output()).toContain(`${config}: invalid config`);
    expect(r.output()).toContain('instruments[0].source.lookbackDays');
    expect(leftovers()).toEqual([]);
  });
});
