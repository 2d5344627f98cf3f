// Each long-running process (web server, worker) keeps a row in worker_heartbeats: host, pid, start, last
// beat, restart count. The home page and the health monitor read them; a stale beat means a hung process.
import os from 'node:os';
import { getDb } from '../db/client';
import { insertHeartbeat, markHeartbeatStopped, touchHeartbeat } from '../db/queries/heartbeats';
import type { WorkerKind } from '../db/schema';
import type { Logger } from './log';

export const HEARTBEAT_INTERVAL_MS = 10_000;

export interface Heartbeat {
  id: string;
  stop(): Promise<void>;
}

export function startHeartbeat(options: { kind: WorkerKind; info?: Record<string, unknown> }, log: Logger): Heartbeat {
  const db = getDb();
  const startedAt = new Date();
  const id = `${os.hostname()}:${process.pid}:${startedAt.getTime()}`;
  const restartCount = Number(process.env.FIELDOPS_RESTART_COUNT ?? 0) || 0;
  const ready = insertHeartbeat(db, {
    id, kind: options.kind, host: os.hostname(), pid: process.pid, startedAt, lastBeatAt: startedAt, restartCount, info: options.info ?? {},
  }).catch((error: unknown) => log.warn({ err: error }, 'could not write the heartbeat row'));
  const timer = setInterval(() => {
    void touchHeartbeat(db, id).catch((error: unknown) => log.warn({ err: error }, 'heartbeat failed'));
  }, HEARTBEAT_INTERVAL_MS);
  timer.unref();
  return {
    id,
    async stop() {
      clearInterval(timer);
      await ready;
      await markHeartbeatStopped(db, id).catch(() => {});
    },
  };
}
