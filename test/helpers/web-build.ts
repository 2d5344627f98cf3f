// Supervisor and browser tests need Next's production build; build it once if it is missing or stale.
// Test files run in parallel processes, and two `next build`s in one .next folder break each other, so a
// lock folder makes the others wait and then find the build current.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildIsCurrent, runNextBuild } from '../../lib/supervisor/build';
import { projectRoot } from '../../lib/paths';

const LOCK = path.join(os.tmpdir(), `fieldops-next-build-${crypto.createHash('sha1').update(projectRoot).digest('hex').slice(0, 12)}.lock`);

export async function ensureWebBuild(): Promise<void> {
  if (buildIsCurrent()) return;
  await withBuildLock(async () => {
    const deadline = Date.now() + 10 * 60_000;
    // Another build of the same folder outside this run (`next build` refuses to run beside it): wait for it.
    while (!buildIsCurrent()) {
      const lines: string[] = [];
      const failure = await runNextBuild((line) => lines.push(line)).then(() => null, (error: unknown) => error as Error);
      if (!failure) return;
      if (!lines.some((l) => l.includes('Another next build process is already running')) || Date.now() > deadline) {
        throw new Error(`${failure.message}\n${lines.slice(-20).join('\n')}`);
      }
      await new Promise((r) => setTimeout(r, 3000));
    }
  });
}

async function withBuildLock(work: () => Promise<void>): Promise<void> {
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    try {
      fs.mkdirSync(LOCK);
      fs.writeFileSync(path.join(LOCK, 'pid'), String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (holderIsGone()) fs.rmSync(LOCK, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error(`timed out waiting for another test's next build (lock ${LOCK})`);
      else await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    await work();
  } finally {
    fs.rmSync(LOCK, { recursive: true, force: true });
  }
}

function holderIsGone(): boolean {
  try {
    process.kill(Number(fs.readFileSync(path.join(LOCK, 'pid'), 'utf8')), 0);
    return false;
  } catch (error) {
    // No pid file yet (the holder is between mkdir and write) counts as alive; a dead pid does not.
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
