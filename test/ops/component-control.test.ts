// The component control channel end to end, with real processes: the web tier's request (a command row and
// a NOTIFY) reaches the supervisor's consumer, which restarts, stops and starts a real SupervisedChild and
// records the outcome; the supervisor's heartbeat shows its children; bad requests are refused and audited
// requests are in the audit log.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEntries } from '../../db/queries/audit-log';
import { componentCommands, workerHeartbeats, type ComponentCommand } from '../../db/schema';
import { ControlInputError } from '../../lib/ops/control/actor';
import { type CommandConsumer, startCommandConsumer } from '../../lib/ops/control/command-consumer';
import { requestComponentCommand } from '../../lib/ops/control/components';
import { SupervisedChild } from '../../lib/supervisor/child';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { waitFor } from '../helpers/fieldops-process';

const HOST = 'test-host';
const who = { actor: 'op@example.org', address: '127.0.0.1' };
let t: TestDatabase;
let worker: SupervisedChild;
let files: SupervisedChild;
let consumer: CommandConsumer;

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function handled(command: ComponentCommand): Promise<ComponentCommand> {
  return waitFor(`command ${command.id}`, async () => {
    const [row] = await t.db.select().from(componentCommands).where(eq(componentCommands.id, command.id));
    return row && (row.state === 'done' || row.state === 'failed') ? row : undefined;
  }, 30_000);
}

beforeAll(async () => {
  t = await createTestDatabase();
  const spec = (name: string) => ({ name, entry: 'test/ops/fixtures/idle-child.ts', env: { ...process.env }, stopTimeoutMs: 5000, jsonLog: null });
  worker = new SupervisedChild(spec('worker'));
  files = new SupervisedChild(spec('demo-files'));
  const ready = Promise.all([worker.whenReady(), files.whenReady()]);
  worker.start();
  files.start();
  await ready;
  // A long poll interval: commands must arrive through NOTIFY, not the fallback poll.
  consumer = await startCommandConsumer({ databaseUrl: t.url, children: [worker, files], host: HOST, pollMs: 600_000, heartbeatMs: 600_000 });
}, 60_000);

afterAll(async () => {
  await consumer?.stop();
  await worker?.stop();
  await files?.stop();
  await t?.drop();
});

describe('component control', () => {
  it('restarts a child: a new process, the old one gone, the restart counted', async () => {
    const before = worker.pid!;
    const done = await handled(await requestComponentCommand(t.db, { component: 'worker', host: HOST, action: 'restart' }, who));
    expect(done).toMatchObject({ state: 'done', result: 'restarted', handledBy: consumer.heartbeatId });
    expect(worker.pid).toBeDefined();
    expect(worker.pid).not.toBe(before);
    expect(alive(before)).toBe(false);
    expect(alive(worker.pid!)).toBe(true);
    expect(worker.status().restarts).toBe(1);
  });

  it('stops a child (it stays stopped: no crash-restart) and starts it again', async () => {
    const pid = files.pid!;
    expect(await handled(await requestComponentCommand(t.db, { component: 'demo-files', host: HOST, action: 'stop' }, who))).toMatchObject({ state: 'done', result: 'stopped' });
    expect(files.running).toBe(false);
    expect(alive(pid)).toBe(false);
    // The supervisor's heartbeat lists the stopped child, so the ops page can offer to start it.
    const [beat] = await t.db.select().from(workerHeartbeats).where(eq(workerHeartbeats.id, consumer.heartbeatId));
    expect(beat!.kind).toBe('supervisor');
    expect((beat!.info.children as { name: string; running: boolean }[]).find((c) => c.name === 'demo-files')?.running).toBe(false);
    await new Promise((r) => setTimeout(r, 1500));
    expect(files.running).toBe(false);

    expect(await handled(await requestComponentCommand(t.db, { component: 'demo-files', host: HOST, action: 'start' }, who))).toMatchObject({ state: 'done', result: 'started' });
    expect(files.running).toBe(true);
    expect(alive(files.pid!)).toBe(true);
    expect(await handled(await requestComponentCommand(t.db, { component: 'demo-files', host: HOST, action: 'start' }, who))).toMatchObject({ result: 'already running' });
  });

  it('fails a command for a child this supervisor does not run, and leaves other hosts\' commands alone', async () => {
    expect(await handled(await requestComponentCommand(t.db, { component: 'web', host: HOST, action: 'restart' }, who)))
      .toMatchObject({ state: 'failed', result: "this supervisor runs no 'web'" });
    const other = await requestComponentCommand(t.db, { component: 'worker', host: 'another-host', action: 'stop' }, who);
    await consumer.drain();
    const [row] = await t.db.select().from(componentCommands).where(eq(componentCommands.id, other.id));
    expect(row!.state).toBe('pending');
    expect(worker.running).toBe(true);
  });

  it('a new supervisor fails the commands its dead predecessor on the host had claimed, and handles the pending ones', async () => {
    const [abandoned] = await t.db.insert(componentCommands).values({ component: 'worker', host: 'host-2', action: 'restart', requestedBy: who.actor,
      state: 'running', handledBy: 'host-2:1:1' }).returning();
    const pending = await requestComponentCommand(t.db, { component: 'worker', host: 'host-2', action: 'start' }, who);
    const second = await startCommandConsumer({ databaseUrl: t.url, children: [], host: 'host-2', pollMs: 600_000, heartbeatMs: 600_000 });
    try {
      await second.drain();
      const rows = await t.db.select().from(componentCommands).where(eq(componentCommands.host, 'host-2'));
      expect(rows.find((r) => r.id === abandoned!.id)).toMatchObject({ state: 'failed', result: 'the supervisor stopped before it finished this command' });
      expect(rows.find((r) => r.id === pending.id)).toMatchObject({ state: 'failed', result: "this supervisor runs no 'worker'", handledBy: second.heartbeatId });
    } finally {
      await second.stop();
    }
  });

  it('refuses unknown components and actions, stopping the web server, and hostile hosts; audits the rest', async () => {
    const before = await t.db.select().from(componentCommands);
    const bad = [
      { component: 'postgres', host: HOST, action: 'stop' }, { component: 'worker', host: HOST, action: 'kill -9' },
      { component: 'web', host: HOST, action: 'stop' }, { component: 'worker', host: 'a b; rm -rf /', action: 'stop' },
      { component: 'worker', host: 'h'.repeat(300), action: 'stop' }, { component: '', host: '', action: '' },
    ];
    for (const request of bad) await expect(requestComponentCommand(t.db, request, who)).rejects.toBeInstanceOf(ControlInputError);
    expect((await t.db.select().from(componentCommands)).length).toBe(before.length);
    const audited = await listAuditEntries(t.db, { action: 'component' });
    // Every command made through requestComponentCommand is audited (the one inserted by hand above is not).
    expect(audited.length).toBe(before.length - 1);
    expect(audited.at(-1)).toMatchObject({ action: 'component.restart', target: `worker@${HOST}`, actor: who.actor });
  });
});
