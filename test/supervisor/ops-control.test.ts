// The control panel against a real `fieldops start` (on a test database): an operator's restart of the
// worker from /ops reaches the supervisor over the control channel and a new worker process comes up; a
// "run now" from /ops is picked up by the real worker and recorded in job_runs; the live log streams the
// supervisor's real fieldops.jsonl.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { componentCommands, jobRuns, workerHeartbeats } from '../../db/schema';
import { createUser } from '../../lib/auth/accounts';
import { signInOverHttp } from '../helpers/auth';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { fetchHealthz, freePort, runFieldops, type RunningCommand, waitFor } from '../helpers/fieldops-process';
import { ensureWebBuild } from '../helpers/web-build';

const OPERATOR = { email: 'operator@example.org', password: 'operator password 1' };
let t: TestDatabase;
let r: RunningCommand;
let base: string;
let cookie: string;
let dataDir: string;

beforeAll(async () => {
  await ensureWebBuild();
  t = await createTestDatabase();
  await createUser(t.db, { ...OPERATOR, role: 'operator' }, { actor: 'system' });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldops-ops-'));
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  r = runFieldops(['start'], { DATABASE_URL: t.url, FIELDOPS_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' });
  await waitFor('/api/healthz', async () => {
    if (r.child.exitCode !== null) throw new Error(`fieldops start exited early:\n${r.output()}`);
    return fetchHealthz(port);
  }, 120_000);
  cookie = (await signInOverHttp(base, OPERATOR.email, OPERATOR.password)).cookie!;
  expect(cookie).toBeTruthy();
}, 400_000);

afterAll(async () => {
  if (r && r.child.exitCode === null) {
    process.kill(-r.child.pid!, 'SIGINT');
    await r.exited;
  }
  await t?.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

const runningWorkers = () => t.db.select().from(workerHeartbeats).where(and(eq(workerHeartbeats.kind, 'worker'), isNull(workerHeartbeats.stoppedAt)));

/** Posts one of the /ops page's forms the way a browser without JavaScript does. */
async function submit(rowMarker: string, buttonLabel: string, fields: Record<string, string>): Promise<Response> {
  const html = await (await fetch(`${base}/ops`, { headers: { cookie } })).text();
  const row = html.slice(html.indexOf(rowMarker)).split('</tr>')[0]!;
  const form = row.split('<form').find((f) => f.includes(`aria-label="${buttonLabel}"`));
  if (!form) throw new Error(`no '${buttonLabel}' button in ${rowMarker}`);
  const body = new FormData();
  body.set(`$ACTION_ID_${/name="\$ACTION_ID_([0-9a-f]+)"/.exec(form)![1]}`, '');
  for (const [k, v] of Object.entries(fields)) body.set(k, v);
  return fetch(`${base}/ops`, { method: 'POST', body, redirect: 'manual', headers: { cookie, origin: base } });
}

describe('ops control against fieldops start', () => {
  it('restarts the worker from /ops: the supervisor acts and a new worker process comes up', async () => {
    const [before] = await waitFor('the worker heartbeat', async () => ((await runningWorkers()).length === 1 ? runningWorkers() : undefined), 60_000);
    const host = before!.host;
    await waitFor('the supervisor heartbeat', async () => {
      const [row] = await t.db.select().from(workerHeartbeats).where(and(eq(workerHeartbeats.kind, 'supervisor'), isNull(workerHeartbeats.stoppedAt)));
      return row;
    }, 30_000);
    const response = await submit(`data-child="worker@${host}"`, `restart worker on ${host}`, { component: 'worker', host, action: 'restart' });
    expect(response.status).toBe(303);
    const command = await waitFor('the command to be handled', async () => {
      const [row] = await t.db.select().from(componentCommands);
      return row && row.state !== 'pending' && row.state !== 'running' ? row : undefined;
    }, 60_000);
    expect(command).toMatchObject({ component: 'worker', action: 'restart', state: 'done', result: 'restarted', requestedBy: OPERATOR.email });
    const after = await waitFor('a new worker heartbeat', async () => (await runningWorkers()).find((w) => w.pid !== before!.pid), 90_000);
    expect(after.restartCount).toBe(1);
    expect(r.output()).toMatch(/restart worker \(asked by operator@example.org\): restarted/);
  });

  it('runs a job now from /ops: the real worker runs it and records it in job_runs', async () => {
    const since = new Date();
    await waitFor('the health-collect schedule on /ops', async () => ((await (await fetch(`${base}/ops`, { headers: { cookie } })).text()).includes('data-schedule="health-collect/default"') ? true : undefined), 60_000);
    const response = await submit('data-schedule="health-collect/default"', 'Run health-collect/default now', { queue: 'health-collect', key: 'default' });
    expect(response.status).toBe(303);
    const jobId = /job%20([0-9a-f-]+)/.exec(response.headers.get('location') ?? '')?.[1];
    expect(jobId).toBeDefined();
    const run = await waitFor('the job run', async () => {
      const [row] = await t.db.select().from(jobRuns).where(eq(jobRuns.jobId, jobId!));
      return row && row.outcome !== 'running' ? row : undefined;
    }, 90_000);
    expect(run.queue).toBe('health-collect');
    expect(run.startedAt.getTime()).toBeGreaterThanOrEqual(since.getTime() - 1000);
  });

  it('streams the supervisor\'s structured log, filtered by component', async () => {
    const abort = new AbortController();
    const response = await fetch(`${base}/api/ops/log?component=worker&lines=50`, { headers: { cookie }, signal: abort.signal });
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    let text = '';
    while (!text.includes('event: ready')) text += new TextDecoder().decode((await reader.read()).value);
    abort.abort();
    const entries = text.split('\n').filter((l) => l.startsWith('data: {"')).map((l) => JSON.parse(l.slice(6)) as { component: string; msg: string });
    expect(entries.length).toBeGreaterThan(0);
    expect(new Set(entries.map((e) => e.component))).toEqual(new Set(['worker']));
    expect(entries.some((e) => /schedule\(s\) applied/.test(e.msg))).toBe(true);
  });
});
