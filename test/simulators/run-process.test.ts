// The simulators' entry as the supervisor runs it (a child with an IPC channel, on the wall clock): it says
// ready, writes the demo's source folders, and exits cleanly on SIGTERM or when the supervisor goes away.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { demoSourceDir } from '../../lib/config/demo';
import { REPO_ROOT, waitFor } from '../helpers/fieldops-process';
import { filesBelow } from '../helpers/source-files';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldops-demo-files-run-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function startSimulators(): { child: ChildProcess; ready: Promise<void>; exited: Promise<number | null>; output: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'lib/simulators/files/run.ts'], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    env: { ...process.env, FIELDOPS_DATA_DIR: dataDir, LOG_LEVEL: 'info' },
  });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return {
    child,
    ready: new Promise((resolve) => child.on('message', (m: { type?: string }) => m?.type === 'ready' && resolve())),
    exited: new Promise((resolve) => child.once('exit', (code) => resolve(code))),
    output: () => output,
  };
}

describe('lib/simulators/files/run.ts', () => {
  it('writes the source folders and stops cleanly on SIGTERM', async () => {
    const run = startSimulators();
    await run.ready;
    await waitFor('the met tower day file', () => (filesBelow(demoSourceDir(dataDir, 'asfs')).some((f) => f.includes('_Met_')) ? true : undefined), 30_000);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(run.output()).toContain('stopping (SIGTERM)');
    expect(fs.existsSync(path.join(dataDir, 'demo', 'file-simulators.json'))).toBe(true);
  });

  it('stops when the supervisor goes away (its IPC channel closes)', async () => {
    const run = startSimulators();
    await run.ready;
    run.child.disconnect();
    expect(await run.exited).toBe(0);
    expect(run.output()).toContain('stopping (supervisor gone)');
  });
});
