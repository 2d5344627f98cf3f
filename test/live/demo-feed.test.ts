// The demo campaign's live vehicle as a user gets it from `fieldops start`: the supervisor runs the logger
// simulator, the worker's keeper starts the van1 poller, the web server streams it, and the raw CSV grows.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { fetchHealthz, freePort, processesWithEnv, runFieldops, type RunningCommand, waitFor } from '../helpers/fieldops-process';
import { signInOverHttp } from '../helpers/auth';
import { ensureWebBuild } from '../helpers/web-build';

let dataDir: string;
let port: number;
let portal: RunningCommand | null = null;

beforeAll(async () => {
  await ensureWebBuild();
  dataDir = fs.mkdtempSync(path.join(inject('testRoot'), 'demo-live-'));
  port = await freePort();
}, 300_000);

afterAll(async () => {
  if (portal && portal.child.exitCode === null) {
    process.kill(-portal.child.pid!, 'SIGINT');
    await portal.exited;
  }
});

async function firstRecordEvent(cookie: string): Promise<string | undefined> {
  const response = await fetch(`http://127.0.0.1:${port}/api/live/van1?after=0`, { headers: { cookie } }).catch(() => null);
  if (!response?.ok) return undefined;
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let text = '';
  const deadline = Date.now() + 5000;
  while (!text.includes('event: record') && Date.now() < deadline) {
    const { value, done } = await reader.read();
    if (done) break;
    text += value;
  }
  await reader.cancel();
  return text.includes('event: record') ? text : undefined;
}

describe('the demo live feed', () => {
  it('polls the simulated vehicle logger from the first start and streams it', async () => {
    portal = runFieldops(['start'], { FIELDOPS_DATA_DIR: dataDir, PORT: String(port) });
    await waitFor('/api/healthz', async () => {
      if (portal!.child.exitCode !== null) throw new Error(`fieldops start exited early:\n${portal!.output()}`);
      return fetchHealthz(port);
    }, 90_000);
    expect(portal.output()).toMatch(/PASS\s+config\s+built-in demo campaign.*simulated vehicle logger at http:\/\/127\.0\.0\.1:\d+/);
    // The stream needs a viewer: sign in as the first admin, whose password the first start printed once.
    const password = /\|\s+password:\s+(\w{20})\s+\|/.exec(portal.output())?.[1];
    expect(password).toBeDefined();
    const { cookie } = await signInOverHttp(`http://127.0.0.1:${port}`, 'admin@localhost', password!);
    expect(cookie).not.toBeNull();
    const events = await waitFor('a van1 record over SSE', () => firstRecordEvent(cookie!), 60_000);
    expect(events).toMatch(/"v":\{[^}]*"WS_ms":/);
    const rawDir = path.join(dataDir, 'raw', 'van1');
    await waitFor('the raw CSV', () => (fs.existsSync(rawDir) && fs.readdirSync(rawDir).some((f) => /^\d{8}\.csv$/.test(f)) ? true : undefined));

    const gaps = runFieldops(['gaps', 'van1'], { FIELDOPS_DATA_DIR: dataDir });
    expect(await gaps.exited).toBe(0);
    expect(gaps.output()).toMatch(/^van1: (no gaps|\d+ gaps?) on \d{4}-\d{2}-\d{2} \(UTC\)/m);

    process.kill(-portal.child.pid!, 'SIGINT');
    expect(await portal.exited).toBe(0);
    expect(portal.output()).toMatch(/\[worker\] live feed ended: stopped/);
    expect(processesWithEnv('FIELDOPS_DATA_DIR', dataDir)).toEqual([]);
  });
});
