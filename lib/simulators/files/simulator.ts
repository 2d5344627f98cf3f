// The demo's file-writing instruments on one clock: each producer writes its period's file once the period
// has ended (plus its delay). A tick writes everything due; on a fresh data folder that is the last three
// hours (so the portal has data at once), after a restart the gap since the last run. Tests drive tick()
// with a ManualClock; the demo calls start(), which ticks whenever the next write falls due.
import { type SimClock, systemClock } from '../campbell-logger/clock';
import { demoSourceDir } from '../../config/demo';
import { ceilometer } from './instruments/ceilometer';
import { metTower } from './instruments/met-tower';
import { LATE_FILE_AFTER_MS, writeCorruptFile, writeLateFile } from './instruments/mishaps';
import { radiometer } from './instruments/radiometer';
import { skyCamera } from './instruments/sky-camera';
import type { Producer, ProducerContext } from './producer';
import type { Site } from './solar';
import { SourceFolder } from './source-folder';
import { loadSimulatorState, saveSimulatorState, type SimulatorState, simulatorStatePath } from './state';

export const DEFAULT_BACKFILL_MS = 3 * 3_600_000;
/** The longest a live loop sleeps, so a changed wall clock (a laptop waking up) is noticed soon. */
const MAX_SLEEP_MS = 60_000;

export interface FileSimulatorOptions {
  dataDir: string;
  site: Site;
  clock?: SimClock;
  /** History written on a fresh start, and the longest gap a restart fills. */
  backfillMs?: number;
  log?: (message: string) => void;
}

export interface TickResult {
  /** Periods written per instrument. */
  written: Record<string, number>;
  lateFile?: string;
  corruptFile?: string;
}

export function demoProducers(context: ProducerContext): Producer[] {
  return [metTower(context), ceilometer(context), radiometer(context), skyCamera(context)];
}

export class FileSimulators {
  readonly producers: Producer[];
  private readonly clock: SimClock;
  private readonly context: ProducerContext;
  private readonly statePath: string;
  private readonly state: SimulatorState;
  private readonly startedAtMs: number;
  private readonly log: (message: string) => void;
  private running: Promise<TickResult> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(private readonly options: FileSimulatorOptions) {
    this.clock = options.clock ?? systemClock;
    this.context = { site: options.site };
    this.producers = demoProducers(this.context);
    this.statePath = simulatorStatePath(options.dataDir);
    this.state = loadSimulatorState(this.statePath);
    this.startedAtMs = this.clock.now();
    this.log = options.log ?? (() => {});
  }

  folder(instrument: string): SourceFolder {
    return new SourceFolder(demoSourceDir(this.options.dataDir, instrument), this.clock);
  }

  /** Writes everything due by the clock's now. Concurrent calls share one run. */
  tick(): Promise<TickResult> {
    this.running ??= this.writeDue().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** When the next write falls due (UTC ms). */
  nextDueMs(): number {
    const now = this.clock.now();
    const dues = this.producers.map((p) => this.nextPeriodStart(p, now) + p.periodMs + p.delayMs);
    if (!this.state.lateFile) dues.push(this.startedAtMs + LATE_FILE_AFTER_MS);
    return Math.min(...dues);
  }

  /** Ticks on the wall clock until stop(). A failed write is logged and tried again at the next tick. */
  start(): void {
    const loop = async (): Promise<void> => {
      this.timer = null;
      if (this.stopped) return;
      try {
        const result = await this.tick();
        // Routine writes are not worth a terminal line; a catch-up and the one-off files are.
        const written = Object.entries(result.written).filter(([, n]) => n > 0);
        if (written.some(([, n]) => n > 1)) this.log(`caught up: ${written.map(([id, n]) => `${id} ${n} period(s)`).join(', ')}`);
        if (result.corruptFile) this.log(`wrote a corrupt file (it should end quarantined): asfs/${result.corruptFile}`);
        if (result.lateFile) this.log(`wrote a late file (yesterday's, arriving now): asfs/${result.lateFile}`);
      } catch (error) {
        this.log(`writing failed, retrying at the next tick: ${(error as Error).message}`);
      }
      if (this.stopped) return;
      const sleep = Math.min(MAX_SLEEP_MS, Math.max(200, this.nextDueMs() - this.clock.now()));
      this.timer = setTimeout(() => void loop(), sleep);
    };
    void loop();
  }

  /** Stops the loop after the write in progress, so no file is left half-written. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running?.catch(() => {});
  }

  private nextPeriodStart(p: Producer, nowMs: number): number {
    const earliest = Math.floor((nowMs - (this.options.backfillMs ?? DEFAULT_BACKFILL_MS)) / p.periodMs) * p.periodMs;
    return Math.max(earliest, this.state.writtenThrough[p.instrument] ?? earliest);
  }

  private async writeDue(): Promise<TickResult> {
    const result: TickResult = { written: {} };
    const now = this.clock.now();
    if (!this.state.corruptFile) {
      result.corruptFile = this.state.corruptFile = await writeCorruptFile(this.folder('asfs'), now);
      this.save();
    }
    for (const producer of this.producers) {
      const folder = this.folder(producer.instrument);
      let written = 0;
      for (let start = this.nextPeriodStart(producer, now); start + producer.periodMs + producer.delayMs <= now; start += producer.periodMs) {
        if (this.stopped) break;
        await producer.write({ startMs: start, dueMs: start + producer.periodMs + producer.delayMs }, folder);
        this.state.writtenThrough[producer.instrument] = start + producer.periodMs;
        this.save();
        written += 1;
      }
      result.written[producer.instrument] = written;
    }
    if (!this.state.lateFile && now >= this.startedAtMs + LATE_FILE_AFTER_MS) {
      result.lateFile = this.state.lateFile = await writeLateFile(this.folder('asfs'), now, this.context);
      this.save();
    }
    return result;
  }

  private save(): void {
    saveSimulatorState(this.statePath, this.state);
  }
}
