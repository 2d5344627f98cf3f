// What the file simulators have already written, kept in <data>/demo/file-simulators.json so that a restart
// continues where the last run stopped (filling the gap, as instruments keep writing while the portal is
// down) and the one-off late and corrupt files are never written twice.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const stateSchema = z.object({
  version: z.literal(1),
  /** Per instrument: the end of the last period written (UTC ms). */
  writtenThrough: z.record(z.string(), z.number()),
  /** Relative paths of the one-off files, once written. */
  lateFile: z.string().optional(),
  corruptFile: z.string().optional(),
});

export type SimulatorState = z.infer<typeof stateSchema>;

export function simulatorStatePath(dataDir: string): string {
  return path.join(dataDir, 'demo', 'file-simulators.json');
}

/** A missing or unreadable state starts afresh: the worst case is a second backfill, which rewrites the same data. */
export function loadSimulatorState(file: string): SimulatorState {
  try {
    return stateSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
  } catch {
    return { version: 1, writtenThrough: {} };
  }
}

export function saveSimulatorState(file: string, state: SimulatorState): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.partial`;
  fs.writeFileSync(temporary, JSON.stringify(state, null, 2) + '\n');
  fs.renameSync(temporary, file);
}
