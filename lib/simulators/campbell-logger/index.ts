// A Campbell logger simulator: a vehicle's 1 Hz table served over DataQuery on loopback, with switches for
// the faults a live feed meets in the field. Tests drive it in-process (a manual clock, the methods below);
// the demo runs it on the wall clock and flips switches through POST /_control.
import { type SimClock, systemClock } from './clock';
import { applyControl, type ControlPatch, describeSimulator, type NetworkFaults, type SimulatorStatus } from './control';
import { startLoggerServer } from './server';
import { LoggerTable } from './table';

export { ManualClock, systemClock, type SimClock } from './clock';
export type { ControlPatch, SimulatorStatus } from './control';

export interface SimulatorOptions {
  clock?: SimClock;
  port?: number;
  tableName?: string;
  ringSize?: number;
  prefillSeconds?: number;
  maxRecordsPerQuery?: number;
  auth?: { username: string; password: string };
}

export interface CampbellLoggerSimulator {
  url: string;
  table: LoggerTable;
  /** Flips switches (the same ones POST /_control takes). */
  control(patch: ControlPatch): SimulatorStatus;
  status(): SimulatorStatus;
  /** DataQuery requests answered or refused so far. */
  requests(): number;
  close(): Promise<void>;
}

export async function startCampbellLoggerSimulator(options: SimulatorOptions = {}): Promise<CampbellLoggerSimulator> {
  const clock = options.clock ?? systemClock;
  const table = new LoggerTable({ clock, tableName: options.tableName, ringSize: options.ringSize, prefillSeconds: options.prefillSeconds });
  const faults: NetworkFaults = { outage: false, slowMs: 0, http500: 0, maxRecordsPerQuery: options.maxRecordsPerQuery ?? 1000 };
  const server = await startLoggerServer({ table, faults, clock, port: options.port, auth: options.auth });
  return {
    url: server.url,
    table,
    control(patch) {
      applyControl(patch, table, faults, clock);
      return describeSimulator(table, faults, server.requests());
    },
    status: () => describeSimulator(table, faults, server.requests()),
    requests: server.requests,
    close: server.close,
  };
}
