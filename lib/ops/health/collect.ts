// One health collection: observe everything, write the compact readings to health_snapshots and the raw
// detail to the day's JSONL file. Observe-only: nothing here restarts, deletes or changes what it watches.
//
// Exactly one collector at a time, whichever worker or host runs the job: the collection holds the lease
// `health-collect` (db/queries/leases.ts, the same fencing leases the live pollers use). The snapshot write
// proves the lease under a row lock (assertLeaseHeld), so a collector that hung mid-run (SIGSTOP) and wakes
// after its lease expired and was taken over writes nothing: it is fenced, not merely outvoted. The JSONL
// line is appended only after that write committed, so it is fenced too.
import type { Database } from '../../../db/client';
import { insertHealthSnapshots } from '../../../db/queries/health-snapshots';
import { assertLeaseHeld, LeaseLostError } from '../../../db/queries/leases';
import type { FieldopsConfig } from '../../config/schema';
import { holdLease, LeaseBusyError } from '../../live/lease-keeper';
import { appendSnapshotLine } from '../snapshot-file';
import { collectComponents } from './components';
import { collectFeeds } from './feeds';
import { collectHost } from './host';
import { collectMirrors, collectOutbox, collectQueues } from './queues';
import { collectDatabaseSize, collectDisks, dataFolders } from './storage';
import type { CollectorResult, HealthReading } from './types';

export const HEALTH_LEASE = 'health-collect';
/** Longer than any collection should take; short enough that a hung collector is replaced within a couple of runs. */
export const HEALTH_LEASE_TTL_SECONDS = 60;

export interface HealthCollectionOptions {
  db: Database;
  config: FieldopsConfig;
  dataDir: string;
  /** Who collects (worker id and job id), recorded with the lease and in the raw file. */
  holder: string;
  now?: () => Date;
  signal?: AbortSignal;
  leaseTtlSeconds?: number;
  /** Test hook: runs between observing and writing, where a stopped process would lose its lease. */
  beforeWrite?: (token: number) => Promise<void>;
}

export type HealthCollectionOutcome =
  | { status: 'written'; token: number; readings: number; errors: number; file: string }
  | { status: 'busy' }
  | { status: 'fenced'; token: number; reason: string };

type Collector = [name: string, run: () => Promise<CollectorResult>];

export async function collectHealth(options: HealthCollectionOptions): Promise<HealthCollectionOutcome> {
  const { db, config, dataDir } = options;
  const clock = options.now ?? (() => new Date());
  let lease;
  try {
    // No waiting: if another collector holds the lease, this minute is already being collected.
    lease = await holdLease(db, HEALTH_LEASE, options.holder, {
      ttlSeconds: options.leaseTtlSeconds ?? HEALTH_LEASE_TTL_SECONDS, waitMs: 0, signal: options.signal ?? new AbortController().signal,
    });
  } catch (error) {
    if (error instanceof LeaseBusyError) return { status: 'busy' };
    throw error;
  }
  try {
    const at = clock();
    const collectors: Collector[] = [
      ['components', () => collectComponents(db, at)],
      ['queues', () => collectQueues(db, at)],
      ['feeds', () => collectFeeds(db, at)],
      ['disks', () => collectDisks(dataFolders(config, dataDir))],
      ['database', () => collectDatabaseSize(db)],
      ['host', async () => collectHost()],
      ['mirrors', () => collectMirrors(db, at)],
      ['outbox', () => collectOutbox(db, at)],
    ];
    const readings: HealthReading[] = [];
    const raw: Record<string, unknown> = {};
    const errors: Record<string, string> = {};
    // One broken collector (a table another feature has not migrated yet, a hung mount) must not cost the rest.
    for (const [name, run] of collectors) {
      try {
        const result = await run();
        readings.push(...result.readings);
        raw[name] = result.raw;
      } catch (error) {
        errors[name] = (error as Error).message;
      }
    }
    await options.beforeWrite?.(lease.grant.token);
    await db.transaction(async (tx) => {
      await assertLeaseHeld(tx, lease.grant);
      await insertHealthSnapshots(tx, readings.map((r) => ({ ...r, time: at })));
    });
    const finishedAt = clock();
    const file = await appendSnapshotLine(dataDir, at, {
      holder: options.holder, token: lease.grant.token, durationMs: finishedAt.getTime() - at.getTime(), ...raw,
      ...(Object.keys(errors).length ? { errors } : {}),
    });
    return { status: 'written', token: lease.grant.token, readings: readings.length, errors: Object.keys(errors).length, file };
  } catch (error) {
    if (error instanceof LeaseLostError) return { status: 'fenced', token: lease.grant.token, reason: error.message };
    throw error;
  } finally {
    await lease.release();
  }
}
