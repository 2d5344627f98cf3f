// The supervisor restarts a crashed child with backoff and says why; the restarted worker's heartbeat row
// carries its restart count.
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { EmbeddedCluster } from '../../lib/embedded-db/cluster';
import { ensureWebBuild } from '../helpers/web-build';
import { fetchHealthz, freePort, processesWithEnv, runFieldops, type RunningCommand, waitFor } from '../helpers/fieldops-process';

let dataDir: string;
let run: RunningCommand | undefined;

beforeAll(async () => {
  await ensureWebBuild();
  dataDir = fs.mkdtempSync(path.join(inject('testRoot'), 'restart-'));
  fs.chmodSync(dataDir, 0o755);
}, 300_000);

afterAll(async () => {
  try {
    if (run) process.kill(-run.child.pid!, 'SIGKILL');
  } catch {
    // already stopped
  }
  await new EmbeddedCluster(dataDir).stop();
});

function workerPid(): number | undefined {
  return processesWithEnv('FIELDOPS_DATA_DIR', dataDir).find((pid) => {
    try {
      return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('workers/index.ts');
    } catch {
      return false;
    }
  });
}

describe('supervised children', () => {
  it('a worker killed with SIGKILL is restarted with backoff, and the supervisor logs why', async () => {
    const port = await freePort();
    const r = runFieldops(['start'], { FIELDOPS_DATA_DIR: dataDir, PORT: String(port) });
    run = r;
    await waitFor('the portal', () => fetchHealthz(port), 90_000);
    const first = await waitFor('the worker process', workerPid);
    process.kill(first, 'SIGKILL');
    await waitFor('the restart message', () => (/worker was killed by SIGKILL after \d+ s; restarting in 1 s \(restart #1\)/.test(r.output()) ? true : undefined));
    const second = await waitFor('a new worker process', () => {
      const pid = workerPid();
      return pid && pid !== first ? pid : undefined;
    });
    expect(second).not.toBe(first);

    const cluster = new EmbeddedCluster(dataDir);
    const client = new pg.Client({ connectionString: cluster.url(cluster.runningServer()!.port) });
    await client.connect();
    try {
      const row = await waitFor('the new worker heartbeat', async () => {
        const { rows } = await client.query(`SELECT restart_count FROM worker_heartbeats WHERE kind = 'worker' AND pid = $1`, [second]);
        return rows[0];
      });
      expect(row.restart_count).toBe(1);
    } finally {
      await client.end();
    }
    process.kill(-r.child.pid!, 'SIGINT');
    expect(await r.exited).toBe(0);
  });
});
