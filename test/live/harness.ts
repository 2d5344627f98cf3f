// A live feed under test: a fresh database with one campbell-dataquery instrument, the logger simulator on
// loopback with a manual clock, and runLiveFeed polling it every 20 ms. Tests move the logger's time on and
// await what lands in the database; nothing here sleeps for a fixed time.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { vi } from 'vitest';
import { syncConfigToDatabase } from '../../db/queries/config-sync';
import { configSchema, type InstrumentConfig } from '../../lib/config/schema';
import type { PollerSummary } from '../../lib/live/poller';
import { type FeedEnd, runLiveFeed } from '../../lib/live/run-feed';
import { type CampbellLoggerSimulator, ManualClock, type SimulatorOptions, startCampbellLoggerSimulator } from '../../lib/simulators/campbell-logger';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

export const START = Date.UTC(2026, 2, 1, 11, 59, 0);

export interface LoggerOverrides {
  pollSeconds?: number;
  retryMax?: number;
  retryDelay?: number;
  username?: string;
  password?: string;
}

export function liveConfig(url: string, overrides: LoggerOverrides = {}) {
  return configSchema.parse({
    campaign: { name: 'live test' },
    sites: [{ id: 'road', name: 'On the road' }],
    instruments: [{
      id: 'van1', site: 'road', kind: 'campbell-dataquery', expectedInterval: '1s',
      logger: { url, table: 'Public', pollSeconds: 0.02, retryMax: 1000, retryDelay: 0.02, ...overrides },
    }],
  });
}

export interface FeedRun {
  abort: AbortController;
  done: Promise<{ ended: FeedEnd; summary: PollerSummary | null }>;
  /** Resolves with the error the run failed with, or null when it ended normally. */
  failure: Promise<Error | null>;
}

export class LiveHarness {
  readonly clock = new ManualClock(START);
  sim!: CampbellLoggerSimulator;
  t!: TestDatabase;
  instrument!: InstrumentConfig;
  readonly dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldops-live-'));
  private runs: FeedRun[] = [];

  static async create(sim: SimulatorOptions = {}, logger: LoggerOverrides = {}, t?: TestDatabase): Promise<LiveHarness> {
    const h = new LiveHarness();
    h.sim = await startCampbellLoggerSimulator({ clock: h.clock, prefillSeconds: 1, ...sim });
    h.t = t ?? (await createTestDatabase());
    const config = liveConfig(h.sim.url, logger);
    await syncConfigToDatabase(h.t.db, config);
    h.instrument = config.instruments[0]!;
    return h;
  }

  start(options: { holder?: string; runForMs?: number; leaseTtlSeconds?: number } = {}): FeedRun {
    const abort = new AbortController();
    const done = runLiveFeed({
      db: this.t.db, instrument: this.instrument, dataDir: this.dataDir, holder: options.holder ?? 'test-poller', signal: abort.signal,
      runForMs: options.runForMs, leaseTtlSeconds: options.leaseTtlSeconds, log: { info: () => {}, warn: () => {} },
    });
    const run = { abort, done, failure: done.then(() => null, (error: Error) => error) };
    this.runs.push(run);
    return run;
  }

  /** Moves the logger's clock on, one second at a time if asked (each second awaited in the database). */
  async advance(seconds: number, options: { stepwise?: boolean } = {}): Promise<void> {
    if (!options.stepwise) {
      this.clock.advance(seconds);
      return;
    }
    for (let i = 0; i < seconds; i++) {
      this.clock.advance(1);
      const newest = this.sim.status().newestRecord!;
      await this.untilStored(newest);
    }
  }

  /** Waits until the feed's cursor has reached `recordNo` (the newest record the logger holds, by default). */
  async untilStored(recordNo = this.sim.status().newestRecord!, timeout = 20_000): Promise<void> {
    await vi.waitFor(async () => {
      const cursor = await this.cursor();
      if (!cursor || cursor.no < recordNo) throw new Error(`feed at ${cursor?.no ?? 'nothing'}, waiting for ${recordNo}`);
    }, { timeout, interval: 10 });
  }

  async cursor(): Promise<{ no: number; time: Date; state: string } | null> {
    const rows = await this.t.db.execute<{ last_record_no: string | null; last_record_time: Date; state: string }>(
      sql`SELECT last_record_no, last_record_time, state FROM live_feeds WHERE instrument_id = 'van1'`);
    const row = rows.rows[0];
    return row?.last_record_no ? { no: Number(row.last_record_no), time: new Date(row.last_record_time), state: row.state } : null;
  }

  async feed(): Promise<Record<string, unknown>> {
    return (await this.t.db.execute(sql`SELECT * FROM live_feeds WHERE instrument_id = 'van1'`)).rows[0] ?? {};
  }

  async journal(): Promise<{ no: number; timeMs: number; streamId: number }[]> {
    const rows = await this.t.db.execute<{ record_no: string; time: Date; stream_id: number }>(
      sql`SELECT record_no, time, stream_id FROM live_records WHERE instrument_id = 'van1' ORDER BY id`);
    return rows.rows.map((r) => ({ no: Number(r.record_no), timeMs: new Date(r.time).getTime(), streamId: Number(r.stream_id) }));
  }

  async gaps(): Promise<Record<string, unknown>[]> {
    return (await this.t.db.execute(sql`SELECT * FROM live_gaps WHERE instrument_id = 'van1' ORDER BY id`)).rows;
  }

  rawFiles(): string[] {
    const dir = path.join(this.dataDir, 'raw', 'van1');
    return fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
  }

  rawLines(file: string): string[] {
    return fs.readFileSync(path.join(this.dataDir, 'raw', 'van1', file), 'utf8').trimEnd().split('\n');
  }

  async close(options: { keepDatabase?: boolean } = {}): Promise<void> {
    for (const run of this.runs) run.abort.abort();
    await Promise.all(this.runs.map((r) => r.failure));
    await this.sim?.close();
    if (!options.keepDatabase) await this.t?.drop();
    fs.rmSync(this.dataDir, { recursive: true, force: true });
  }
}
