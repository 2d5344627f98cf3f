// Exactly one health collector across processes, even when one of them hangs: two real processes keep
// trying to collect (test/ops/fixtures/collector-loop.ts); the test SIGSTOPs the one holding the lease in the
// middle of a collection, sees the other take over once the lease expires, then SIGCONTs the first and sees
// its late write fenced off. The JSONL file and health_snapshots together prove no two runs overlapped.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { projectRoot } from '../../lib/paths';
import { snapshotFilePath } from '../../lib/ops/snapshot-file';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

interface Event { holder: string; event: string; token?: number; reason?: string }

let t: TestDatabase;
let dataDir: string;
const children: ChildProcess[] = [];
const events: Event[] = [];

function startCollector(holder: string): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'test/ops/fixtures/collector-loop.ts'), t.url, dataDir, holder], {
    cwd: projectRoot, stdio: ['ignore', 'pipe', 'inherit'],
  });
  readline.createInterface({ input: child.stdout! }).on('line', (line) => {
    try {
      events.push(JSON.parse(line) as Event);
    } catch {
      // not ours (a warning printed by a library)
    }
  });
  children.push(child);
  return child;
}

const count = (holder: string, event: string) => events.filter((e) => e.holder === holder && e.event === event).length;

beforeAll(async () => {
  t = await createTestDatabase();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldops-singleton-'));
});

afterAll(async () => {
  for (const child of children) {
    if (child.exitCode === null) {
      child.kill('SIGCONT');
      child.kill('SIGTERM');
    }
  }
  await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((resolve) => c.once('exit', resolve)) : null)));
  await t?.drop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('the health collector singleton', () => {
  it('is replaced when its holder hangs (SIGSTOP), and the hung one is fenced when it wakes', async () => {
    const a = startCollector('a');
    await vi.waitFor(() => expect(count('a', 'written')).toBeGreaterThanOrEqual(1), { timeout: 30_000, interval: 50 });
    const b = startCollector('b');
    await vi.waitFor(() => expect(count('b', 'busy') + count('b', 'written')).toBeGreaterThanOrEqual(1), { timeout: 30_000, interval: 50 });

    // Catch a inside a collection, between observing and writing, and stop it there. On a loaded machine the
    // stop can land just after it wrote; then let it go on and try again.
    let stalledToken: number | undefined;
    for (let attempt = 0; attempt < 5 && stalledToken === undefined; attempt += 1) {
      const heldBefore = count('a', 'holding');
      await vi.waitFor(() => expect(count('a', 'holding')).toBeGreaterThan(heldBefore), { timeout: 20_000, interval: 5 });
      a.kill('SIGSTOP');
      await new Promise((resolve) => setTimeout(resolve, 200));
      const last = events.filter((e) => e.holder === 'a').at(-1)!;
      if (last.event === 'holding') stalledToken = last.token;
      else a.kill('SIGCONT');
    }
    expect(stalledToken).toBeDefined();
    const bWritten = count('b', 'written');
    // b takes over once the 2 s lease has expired, and keeps collecting.
    await vi.waitFor(() => expect(count('b', 'written')).toBeGreaterThanOrEqual(bWritten + 2), { timeout: 20_000, interval: 50 });
    a.kill('SIGCONT');
    await vi.waitFor(() => expect(events.some((e) => e.holder === 'a' && e.event === 'fenced' && e.token === stalledToken)).toBe(true),
      { timeout: 10_000, interval: 50 });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    for (const child of [a, b]) child.kill('SIGTERM');
    await Promise.all([a, b].map((c) => new Promise((resolve) => (c.exitCode === null ? c.once('exit', resolve) : resolve(null)))));

    // Every day file in the folder (a run that crosses midnight UTC writes two).
    const folder = path.dirname(snapshotFilePath(dataDir, new Date()));
    const lines = fs.readdirSync(folder).flatMap((f) => fs.readFileSync(path.join(folder, f), 'utf8').trim().split('\n'))
      .map((l) => JSON.parse(l) as { time: string; holder: string; token: number; durationMs: number })
      .sort((x, y) => Date.parse(x.time) - Date.parse(y.time));
    expect(new Set(lines.map((l) => l.holder))).toEqual(new Set(['a', 'b']));
    expect(lines.some((l) => l.token === stalledToken)).toBe(false);
    for (let i = 1; i < lines.length; i += 1) {
      // Each run ends (its write committed) before the next one starts, and holds a newer token.
      expect(Date.parse(lines[i - 1]!.time) + lines[i - 1]!.durationMs).toBeLessThanOrEqual(Date.parse(lines[i]!.time));
      expect(lines[i]!.token).toBeGreaterThan(lines[i - 1]!.token);
    }
    // Every database write has its raw line and no write came from the fenced run.
    const times = await t.db.execute<{ n: number }>(sql`SELECT count(DISTINCT time)::int AS n FROM health_snapshots`);
    expect(times.rows[0]!.n).toBe(lines.length);
  }, 90_000);
});
