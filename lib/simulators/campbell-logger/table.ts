// One logger table (`Public`): records appended once per interval of the simulator's clock, kept in a ring.
// Records are generated lazily, whenever someone looks (a query, a switch), for every whole interval that
// has passed since the last look; so a virtual clock advanced by two minutes yields 120 records at once.
import type { SimClock } from './clock';
import { type LoggerProgram, tableSignature, vehicleProgram, vehicleProgramRevised } from './drive';
import { Ring } from './ring';

export interface LoggerRecord {
  no: number;
  /** The time the logger stamps on the record (UTC ms); a repeating GPS clock makes it repeat. */
  timeMs: number;
  vals: number[];
}

export interface TableOptions {
  clock: SimClock;
  tableName?: string;
  intervalSeconds?: number;
  ringSize?: number;
  /** History already in the table when the simulator starts. */
  prefillSeconds?: number;
}

/** Record numbers continue across simulator restarts: they count intervals since this moment. */
const NUMBERING_EPOCH_MS = Date.UTC(2020, 0, 1);

export class LoggerTable {
  readonly name: string;
  readonly intervalMs: number;
  readonly ring: Ring<LoggerRecord>;
  program: LoggerProgram = vehicleProgram;
  signature: number;
  paused = false;
  gpsFix = true;
  /** New records that will carry the previous record's time stamp (a GPS clock repeating a second). */
  repeatPending = 0;
  private nextNo: number;
  /** The last interval boundary (ms) that has been turned into a record, or skipped while paused. */
  private lastSlotMs: number;

  constructor(private readonly options: TableOptions) {
    this.name = options.tableName ?? 'Public';
    this.intervalMs = (options.intervalSeconds ?? 1) * 1000;
    this.ring = new Ring(options.ringSize ?? 7200);
    this.signature = tableSignature(this.program, this.name);
    const nowSlot = this.slot(options.clock.now());
    this.lastSlotMs = nowSlot - (options.prefillSeconds ?? 0) * 1000;
    this.nextNo = Math.floor((this.lastSlotMs - NUMBERING_EPOCH_MS) / this.intervalMs) + 1;
    this.sync();
  }

  private slot(ms: number): number {
    return Math.floor(ms / this.intervalMs) * this.intervalMs;
  }

  /** Appends a record for every interval that has passed (none while paused). */
  sync(): void {
    const nowSlot = this.slot(this.options.clock.now());
    for (let t = this.lastSlotMs + this.intervalMs; t <= nowSlot; t += this.intervalMs) {
      if (!this.paused) this.append(t);
    }
    this.lastSlotMs = Math.max(this.lastSlotMs, nowSlot);
  }

  private append(slotMs: number): void {
    const previous = this.newest();
    let timeMs = slotMs;
    // A GPS clock repeats the second it just reported; after a pause there is nothing recent to repeat.
    if (this.repeatPending > 0 && previous && slotMs - previous.timeMs <= 2 * this.intervalMs) {
      timeMs = previous.timeMs;
      this.repeatPending -= 1;
    }
    const vals = this.program.values(Math.floor(slotMs / 1000), { gpsFix: this.gpsFix });
    this.ring.push({ no: this.nextNo, timeMs, vals });
    this.nextNo += 1;
  }

  newest(): LoggerRecord | undefined {
    return this.ring.at(this.ring.size - 1);
  }

  oldest(): LoggerRecord | undefined {
    return this.ring.at(0);
  }

  setPaused(paused: boolean): void {
    this.sync();
    this.paused = paused;
  }

  setGpsFix(fix: boolean): void {
    this.sync();
    this.gpsFix = fix;
  }

  repeatTimestamps(count: number): void {
    this.sync();
    this.repeatPending += count;
  }

  /** A new program is sent to the logger: new layout and signature, the table starts over at record 0. */
  changeProgram(): void {
    this.sync();
    this.program = this.program === vehicleProgram ? vehicleProgramRevised : vehicleProgram;
    this.signature = tableSignature(this.program, this.name);
    this.ring.clear();
    this.nextNo = 0;
  }

  setRingSize(size: number): void {
    this.sync();
    this.ring.resize(size);
  }
}
