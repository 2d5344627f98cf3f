// The supervisor's side of the control channel: LISTEN for commands addressed to this host (and look every
// few seconds, in case a notification was missed while reconnecting), claim each, act on the named child,
// record the outcome. It also keeps the supervisor's heartbeat row, whose info lists its children (pid,
// running, restarts), so the ops page can show a stopped child that has no heartbeat of its own.
import os from 'node:os';
import pg from 'pg';
import { createDatabase } from '../../../db/client';
import { insertHeartbeat, markHeartbeatStopped, touchHeartbeat } from '../../../db/queries/heartbeats';
import { claimComponentCommand, COMPONENT_COMMAND_CHANNEL, failAbandonedCommands, finishComponentCommand } from '../../../db/queries/ops-control';
import type { ComponentCommand } from '../../../db/schema';

export interface ControllableChild {
  readonly name: string;
  readonly running: boolean;
  start(): void;
  stop(): Promise<void>;
  restart(): Promise<void>;
  status(): Record<string, unknown>;
}

export interface CommandConsumerOptions {
  databaseUrl: string;
  children: ControllableChild[];
  host?: string;
  pollMs?: number;
  heartbeatMs?: number;
  log?: (message: string) => void;
}

export interface CommandConsumer {
  heartbeatId: string;
  /** Resolves when every command queued so far has been handled (tests). */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

export async function startCommandConsumer(options: CommandConsumerOptions): Promise<CommandConsumer> {
  const host = options.host ?? os.hostname();
  const log = options.log ?? (() => {});
  const db = createDatabase(options.databaseUrl, { max: 2, applicationName: 'fieldops-supervisor-control' });
  const startedAt = new Date();
  const heartbeatId = `${host}:${process.pid}:${startedAt.getTime()}`;
  const info = () => ({ children: options.children.map((c) => c.status()) });
  await insertHeartbeat(db, { id: heartbeatId, kind: 'supervisor', host, pid: process.pid, startedAt, lastBeatAt: startedAt, info: info() });
  const abandoned = await failAbandonedCommands(db, host, heartbeatId);
  if (abandoned > 0) log(`${abandoned} command(s) left unfinished by the previous supervisor marked failed`);

  let draining: Promise<void> = Promise.resolve();
  let stopped = false;
  const drain = () => {
    draining = draining.then(async () => {
      for (let command = await claimComponentCommand(db, host, heartbeatId); command && !stopped; command = await claimComponentCommand(db, host, heartbeatId)) {
        const outcome = await act(command, options.children).catch((error: unknown) => ({ state: 'failed' as const, result: (error as Error).message }));
        await finishComponentCommand(db, command.id, outcome);
        log(`${command.action} ${command.component} (asked by ${command.requestedBy}): ${outcome.result}`);
        await touchHeartbeat(db, heartbeatId, info());
      }
    }).catch((error: unknown) => log(`control channel: ${(error as Error).message}`));
    return draining;
  };

  const listener = new pg.Client({ connectionString: options.databaseUrl, application_name: 'fieldops-supervisor-listen' });
  listener.on('error', (error) => log(`control channel listener: ${error.message}`));
  listener.on('notification', (message) => {
    if (message.payload === host) void drain();
  });
  await listener.connect();
  await listener.query(`LISTEN ${COMPONENT_COMMAND_CHANNEL}`);
  const poll = setInterval(() => void drain(), options.pollMs ?? 5000);
  const beat = setInterval(() => void touchHeartbeat(db, heartbeatId, info()).catch(() => {}), options.heartbeatMs ?? 10_000);
  poll.unref();
  beat.unref();
  void drain();

  return {
    heartbeatId,
    drain,
    async stop() {
      stopped = true;
      clearInterval(poll);
      clearInterval(beat);
      await draining;
      await listener.end().catch(() => {});
      await markHeartbeatStopped(db, heartbeatId).catch(() => {});
      await db.$client.end().catch(() => {});
    },
  };
}

async function act(command: ComponentCommand, children: ControllableChild[]): Promise<{ state: 'done' | 'failed'; result: string }> {
  const child = children.find((c) => c.name === command.component);
  if (!child) return { state: 'failed', result: `this supervisor runs no '${command.component}'` };
  if (command.action === 'start') {
    if (child.running) return { state: 'done', result: 'already running' };
    child.start();
    return { state: 'done', result: 'started' };
  }
  if (command.action === 'stop') {
    if (!child.running) return { state: 'done', result: 'already stopped' };
    await child.stop();
    return { state: 'done', result: 'stopped' };
  }
  if (command.action === 'restart') {
    await child.restart();
    return { state: 'done', result: 'restarted' };
  }
  return { state: 'failed', result: `unknown action '${String(command.action)}'` };
}
