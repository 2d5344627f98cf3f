// The switches of the simulated logger, shared by the in-process API (tests) and POST /_control (demo).
import { z } from 'zod';
import { ManualClock, type SimClock } from './clock';
import type { LoggerTable } from './table';

export interface NetworkFaults {
  /** Every connection is dropped at once, as if the logger's radio link were down. */
  outage: boolean;
  /** Answers are delayed by this much. */
  slowMs: number;
  /** This many next requests get HTTP 500. */
  http500: number;
  /** Most records per answer; beyond that the answer says `more: true`. */
  maxRecordsPerQuery: number;
}

export const controlPatch = z.strictObject({
  paused: z.boolean().optional(),
  outage: z.boolean().optional(),
  slowMs: z.number().int().min(0).max(600_000).optional(),
  http500: z.number().int().min(0).optional(),
  maxRecordsPerQuery: z.number().int().min(1).optional(),
  repeatTimestamps: z.number().int().min(1).optional(),
  programChange: z.literal(true).optional(),
  ringSize: z.number().int().min(1).max(10_000_000).optional(),
  gpsFix: z.boolean().optional(),
  /** Only with a manual clock (tests): moves the logger's time on. */
  advanceSeconds: z.number().positive().optional(),
});
export type ControlPatch = z.infer<typeof controlPatch>;

export interface SimulatorStatus {
  table: string;
  signature: number;
  program: string;
  records: number;
  oldestRecord: number | null;
  newestRecord: number | null;
  newestTime: string | null;
  paused: boolean;
  gpsFix: boolean;
  ringSize: number;
  faults: NetworkFaults;
  requests: number;
}

export function applyControl(patch: ControlPatch, table: LoggerTable, faults: NetworkFaults, clock: SimClock): void {
  if (patch.advanceSeconds !== undefined) {
    if (!(clock instanceof ManualClock)) throw new Error('advanceSeconds needs a simulator started with a manual clock');
    clock.advance(patch.advanceSeconds);
    table.sync();
  }
  if (patch.paused !== undefined) table.setPaused(patch.paused);
  if (patch.gpsFix !== undefined) table.setGpsFix(patch.gpsFix);
  if (patch.repeatTimestamps !== undefined) table.repeatTimestamps(patch.repeatTimestamps);
  if (patch.programChange) table.changeProgram();
  if (patch.ringSize !== undefined) table.setRingSize(patch.ringSize);
  if (patch.outage !== undefined) faults.outage = patch.outage;
  if (patch.slowMs !== undefined) faults.slowMs = patch.slowMs;
  if (patch.http500 !== undefined) faults.http500 = patch.http500;
  if (patch.maxRecordsPerQuery !== undefined) faults.maxRecordsPerQuery = patch.maxRecordsPerQuery;
}

export function describeSimulator(table: LoggerTable, faults: NetworkFaults, requests: number): SimulatorStatus {
  table.sync();
  const newest = table.newest();
  return {
    table: table.name,
    signature: table.signature,
    program: table.program.progName,
    records: table.ring.size,
    oldestRecord: table.oldest()?.no ?? null,
    newestRecord: newest?.no ?? null,
    newestTime: newest ? new Date(newest.timeMs).toISOString() : null,
    paused: table.paused,
    gpsFix: table.gpsFix,
    ringSize: table.ring.capacity,
    faults: { ...faults },
    requests,
  };
}
