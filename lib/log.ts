// Structured logs (pino, JSON lines). Children write to stdout; the supervisor formats them for the terminal
// and keeps the JSON in <data>/logs/fieldops.jsonl for the ops pages.
import pino, { type Logger } from 'pino';
import { getEnv } from './env';

export type { Logger };

export function createLogger(component: string, bindings: Record<string, unknown> = {}): Logger {
  return pino({
    level: getEnv().LOG_LEVEL,
    base: { component, pid: process.pid, ...bindings },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}
