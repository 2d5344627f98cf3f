// Stage 1 of the file pipeline: list an instrument's source, copy the files of the sync window that are new
// or changed into the raw store (<data>/raw/<instrument>/<relative path>), ledger them as `fetched`, and hand
// each to the append stage. Nothing at the source is ever modified or deleted.
//
// A file is (re)copied when the ledger has never fetched it (no row, or `discovered` after a failed copy) or
// its size or mtime differ from the ledger's. A file modified within `source.minAge` (default 10 s) is left
// for the next sync, because an instrument may still be writing it. Per-file problems are collected in
// `errors` and retried at the next sync; a source that cannot be listed at all throws (the job retries).
import picomatch from 'picomatch';
import type { Database } from '../../db/client';
import { findLedgerFiles, latestAppendedDataTime, recordFetchedFile, recordFetchFailure, type LedgerSnapshot } from '../../db/queries/ledger';
import type { InstrumentConfig } from '../config/schema';
import { instrumentKind } from '../instruments/registry';
import { openSource } from '../sources/open';
import { checkRelativePath } from '../sources/relative-path';
import type { Source, SourceEntry } from '../sources/types';
import { fetchToRawStore, type FetchedCopy } from './fetch-to-raw-store';
import { rawFilePath } from './raw-store';
import { isLate, placeInWindow, syncWindow } from './sync-window';

/**
 * A file still `fetched` this long after its copy is handed to the append stage again: its job may have been
 * lost (worker killed between ledgering and sending). The worker's send dedupes queued jobs per file.
 */
const REQUEUE_FETCHED_AFTER_SECONDS = 10 * 60;

export interface SyncOptions {
  db: Database;
  instrument: Pick<InstrumentConfig, 'id' | 'kind' | 'source'>;
  dataDir: string;
  now?: Date;
  /** Overrides the instrument's lookbackDays. */
  days?: number;
  /** Only files modified on this UTC day (YYYY-MM-DD), e.g. to re-run one day from the UI. */
  date?: string;
  /** Hands a fetched file to the append stage (pg-boss in the worker). */
  enqueueAppend?: (fileId: number) => Promise<void>;
  /** The source to list; by default opened from the instrument's config (tests pass their own). */
  source?: Source;
  /** Stops between files (worker shutdown); what is left is taken by the next sync. */
  signal?: AbortSignal;
}

export interface SyncError {
  relativePath: string;
  error: string;
}

export interface SyncResult {
  /** Regular files at the source that match the pattern. */
  listed: number;
  new: number;
  changed: number;
  unchanged: number;
  /** Of the new files, those whose day had already been processed. */
  late: number;
  /** Modified too recently (maybe still being written): left for the next sync. */
  settling: number;
  outsideWindow: number;
  /** Symlinks and special files, never taken. */
  skipped: number;
  /** Unchanged `fetched` files whose append job was sent again. */
  requeued: number;
  errors: SyncError[];
}

export async function syncInstrumentSource(options: SyncOptions): Promise<SyncResult> {
  const { db, instrument } = options;
  const config = instrument.source;
  if (!config) throw new Error(`instrument ${instrument.id} has no source to sync`);
  const nowMs = (options.now ?? new Date()).getTime();
  const window = syncWindow({ nowMs, lookbackDays: options.days ?? config.lookbackDays, minAgeSeconds: config.minAge, day: options.date });
  const pattern = config.pattern ?? instrumentKind(instrument.kind)?.defaultPattern ?? '**/*';
  // dot: false keeps rsync's and editors' hidden temporary files (.name.XXXXXX) out.
  const matches = picomatch(pattern, { dot: false });
  const result: SyncResult = { listed: 0, new: 0, changed: 0, unchanged: 0, late: 0, settling: 0, outsideWindow: 0, skipped: 0, requeued: 0, errors: [] };

  const source = options.source ?? openSource(config);
  try {
    const listing = await source.list();
    for (const skip of listing.skipped) {
      if (skip.kind === 'unsafe-name' || skip.kind === 'unreadable') result.errors.push({ relativePath: skip.relativePath, error: skip.reason });
      else if (matches(skip.relativePath)) result.skipped += 1;
    }
    const candidates: SourceEntry[] = [];
    for (const entry of listing.entries) {
      // Sources check names while listing; checked again here because this is the gate to the raw store.
      const unsafe = checkRelativePath(entry.relativePath);
      if (unsafe) {
        result.errors.push({ relativePath: entry.relativePath, error: unsafe });
        continue;
      }
      if (!matches(entry.relativePath)) continue;
      result.listed += 1;
      const place = placeInWindow(entry.mtimeMs, window);
      if (place === 'inside') candidates.push(entry);
      else if (place === 'settling') result.settling += 1;
      else result.outsideWindow += 1;
    }

    const ledger = await findLedgerFiles(db, instrument.id, candidates.map((c) => c.relativePath), {
      waitingForAppendAfterSeconds: REQUEUE_FETCHED_AFTER_SECONDS,
    });
    // Read once: files ledgered during this sync must not make each other late.
    const latestData = await latestAppendedDataTime(db, instrument.id);
    for (const entry of candidates) {
      if (options.signal?.aborted) break;
      const known = ledger.get(entry.relativePath);
      const status = classify(entry, known);
      if (status === 'unchanged') {
        result.unchanged += 1;
        if (known!.waitingForAppend) {
          await options.enqueueAppend?.(known!.id);
          result.requeued += 1;
        }
        continue;
      }
      const fileId = await fetchOne(options, source, entry, status === 'new' && isLate(entry.mtimeMs, latestData), result);
      if (fileId === null) continue;
      result[status] += 1;
      await options.enqueueAppend?.(fileId);
    }
  } finally {
    await source.close();
  }
  return result;
}

function classify(entry: SourceEntry, known: LedgerSnapshot | undefined): 'new' | 'changed' | 'unchanged' {
  if (!known || known.state === 'discovered') return 'new';
  return known.size !== entry.size || known.mtime.getTime() !== entry.mtimeMs ? 'changed' : 'unchanged';
}

/** Copies and ledgers one file; returns its ledger id, or null after recording why the copy failed. */
async function fetchOne(options: SyncOptions, source: Source, entry: SourceEntry, late: boolean, result: SyncResult): Promise<number | null> {
  const instrumentId = options.instrument.id;
  const mtime = new Date(entry.mtimeMs);
  let copy: FetchedCopy;
  try {
    copy = await fetchToRawStore(source, entry, rawFilePath(options.dataDir, instrumentId, entry.relativePath));
  } catch (error) {
    const message = `fetch from ${source.description} failed: ${(error as Error).message}`;
    await recordFetchFailure(options.db, { instrumentId, relativePath: entry.relativePath, size: entry.size, mtime, error: message });
    result.errors.push({ relativePath: entry.relativePath, error: message });
    return null;
  }
  // A database error here fails the sync (pg-boss retries it); the verified copy is simply copied again.
  const id = await recordFetchedFile(options.db, { instrumentId, relativePath: entry.relativePath, size: copy.size, mtime, sha256: copy.sha256, late });
  if (late) result.late += 1;
  return id;
}
