// One live feed for the length of a job: lease, logger client, storage and poller put together, plus the
// chores that ride along (stop when an operator pauses the instrument, trim the journal). What the job
// handler calls; tests call it too, with their own fetch and shift length.
import type { Database } from '../../db/client';
import { pruneLiveRecords } from '../../db/queries/live-feed';
import { isInstrumentPollable } from '../../db/queries/live';
import { LeaseLostError } from '../../db/queries/leases';
import type { InstrumentConfig } from '../config/schema';
import { dataPaths } from '../paths';
import { createDataQueryClient, type FetchLike } from './dataquery-client';
import { createDbLiveStore } from './db-store';
import { holdLease } from './lease-keeper';
import { type PollerLog, type PollerSummary, runLivePoller } from './poller';
import { LIVE_KIND } from '../config/kinds';

const LEASE_TTL_SECONDS = 30;
const WATCH_INTERVAL_MS = 10_000;
const JOURNAL_DAYS = 3;
const PRUNE_EVERY_MS = 3600_000;

export type FeedEnd = 'shift-over' | 'stopped' | 'paused' | 'lease-lost';

export interface LiveFeedRun {
  db: Database;
  instrument: InstrumentConfig;
  dataDir: string;
  /** Who polls (worker and job id): the lease holder, shown on ops pages. */
  holder: string;
  signal: AbortSignal;
  runForMs?: number;
  log: PollerLog;
  fetch?: FetchLike;
  leaseTtlSeconds?: number;
}

export function leaseName(instrumentId: string): string {
  return `live-poll:${instrumentId}`;
}

export async function runLiveFeed(run: LiveFeedRun): Promise<{ ended: FeedEnd; summary: PollerSummary | null }> {
  const { db, instrument } = run;
  const logger = instrument.logger;
  if (instrument.kind !== LIVE_KIND || !logger) throw new Error(`instrument ${instrument.id} is not a campbell-dataquery logger`);
  const ttl = run.leaseTtlSeconds ?? LEASE_TTL_SECONDS;
  const lease = await holdLease(db, leaseName(instrument.id), run.holder, { ttlSeconds: ttl, waitMs: 2 * ttl * 1000 + 5000, signal: run.signal });
  const paused = new AbortController();
  let lastPrune = 0;
  const watch = async () => {
    if (!(await isInstrumentPollable(db, instrument.id))) paused.abort();
    if (Date.now() - lastPrune > PRUNE_EVERY_MS) {
      lastPrune = Date.now();
      await pruneLiveRecords(db, instrument.id, new Date(Date.now() - JOURNAL_DAYS * 86_400_000));
    }
  };
  const watcher = setInterval(() => void watch().catch(() => {}), WATCH_INTERVAL_MS);
  watcher.unref();
  try {
    await watch();
    const client = createDataQueryClient(
      { url: logger.url, table: logger.table, username: logger.username, password: logger.password, timezone: instrument.timezone },
      { fetch: run.fetch, timeoutMs: Math.min(15_000, (ttl * 1000) / 2) },
    );
    const store = createDbLiveStore({ db, instrumentId: instrument.id, tableName: logger.table, rawDir: dataPaths(run.dataDir).raw, lease: lease.grant });
    const summary = await runLivePoller({
      client, store, signal: AbortSignal.any([run.signal, lease.lost, paused.signal]),
      pollIntervalMs: logger.pollSeconds * 1000, retryMax: logger.retryMax, retryDelayMs: logger.retryDelay * 1000,
      recordIntervalMs: (instrument.expectedInterval ?? 1) * 1000, runForMs: run.runForMs, log: run.log,
    });
    const ended: FeedEnd = summary.ended === 'shift-over' ? 'shift-over' : lease.lost.aborted ? 'lease-lost' : paused.signal.aborted ? 'paused' : 'stopped';
    return { ended, summary };
  } catch (error) {
    if (error instanceof LeaseLostError) return { ended: 'lease-lost', summary: null };
    throw error;
  } finally {
    clearInterval(watcher);
    await lease.release();
  }
}
