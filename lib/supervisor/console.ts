// What the supervisor prints: preflight lines, its own notes, and children's JSON logs as readable lines.
import fs from 'node:fs';

const LEVELS: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };

export type CheckStatus = 'PASS' | 'WARN' | 'FAIL';

export function printCheck(status: CheckStatus, name: string, detail: string): void {
  process.stdout.write(`${status.padEnd(4)}  ${name.padEnd(12)} ${detail}\n`);
}

export function note(message: string): void {
  process.stdout.write(`${time()} [supervisor] ${message}\n`);
}

function time(date = new Date()): string {
  return date.toISOString().slice(11, 19);
}

/** Turns a child's stdout/stderr into terminal lines, and keeps JSON log lines in a file. */
export function childLineFormatter(component: string, jsonLog: fs.WriteStream | null) {
  return (line: string): void => {
    if (!line.trim()) return;
    if (line.startsWith('{')) {
      try {
        const entry = JSON.parse(line) as { level?: number; time?: string; msg?: string; err?: { message?: string } };
        jsonLog?.write(line + '\n');
        const level = LEVELS[entry.level ?? 30] ?? 'info';
        const prefix = level === 'info' ? '' : `${level} `;
        const err = entry.err?.message ? `: ${entry.err.message}` : '';
        process.stdout.write(`${entry.time ? time(new Date(entry.time)) : time()} [${component}] ${prefix}${entry.msg ?? ''}${err}\n`);
        return;
      } catch {
        // not JSON after all: print as is
      }
    }
    process.stdout.write(`${time()} [${component}] ${line}\n`);
  };
}
