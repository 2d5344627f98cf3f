// mirror-sync: copy the files of a hop's source that are new or changed within the lookback to its target.
// Never deletes on the target. A run that is interrupted (worker stopped, link lost, process killed) leaves
// at most a hidden temporary file, and the next run resumes by skipping every file already equal.
import type { Database } from '../../db/client';
import { finishMirrorRun, startMirrorRun } from '../../db/queries/mirrors';
import { placeInWindow, syncWindow } from '../pipeline/sync-window';
import type { SourceEntry } from '../sources/types';
import { contentsDiffer, copyFile, eachLimited } from './copy';
import { selectGroups } from './groups';
import type { Hop } from './hops';
import { withHopListing } from './hop-listing';
import { openTree } from './open-tree';
import { planCopies } from './plan';
import type { MirrorTree, TreeSpec } from './tree';

/** Files copied at once: a remote copy spends most of its time waiting for round trips. */
const COPIES_AT_ONCE = 4;

export interface MirrorSyncOptions {
  db: Database;
  hop: Hop;
  now?: Date;
  /** Overrides the mirror's lookbackDays. */
  days?: number;
  /** Only files modified on this UTC day (YYYY-MM-DD). */
  date?: string;
  /** Only this instrument's files. */
  instrument?: string;
  /** Stops between files (worker shutdown); the next run resumes. */
  signal?: AbortSignal;
  onProgress?: (progress: SyncProgress) => void;
  /** Tests put a failing or slow tree in place. */
  openTree?: (spec: TreeSpec) => MirrorTree;
}

export interface SyncProgress {
  filesDone: number;
  filesTotal: number;
  bytesDone: number;
  bytesTotal: number;
}

export interface MirrorSyncResult {
  runId: number;
  /** Selected files on the source, and of them those inside the window. */
  listed: number;
  inWindow: number;
  copiedNew: number;
  copiedChanged: number;
  bytesCopied: number;
  unchanged: number;
  errors: { relativePath: string; error: string }[];
  cancelled: boolean;
}

export async function syncMirror(options: MirrorSyncOptions): Promise<MirrorSyncResult> {
  const { db, hop } = options;
  const runId = await startMirrorRun(db, hop.mirror.id);
  const result: MirrorSyncResult = { runId, listed: 0, inWindow: 0, copiedNew: 0, copiedChanged: 0, bytesCopied: 0, unchanged: 0, errors: [], cancelled: false };
  try {
    const selection = selectGroups(hop.mirror.include, hop.groups, options.instrument);
    // Unreachable either side: the whole run fails (and the job is retried).
    await withHopListing(hop, selection, options.openTree ?? openTree, async ({ source, target, fromSource, onTarget, sourceFiles, targetFiles }) => {
      for (const [side, listing] of [[source, fromSource], [target, onTarget]] as const) {
        for (const s of listing.skipped) {
          if (s.kind === 'unreadable' || s.kind === 'unsafe-name') result.errors.push({ relativePath: s.relativePath, error: `on ${side.description}: ${s.reason}` });
        }
      }
      const window = syncWindow({ nowMs: (options.now ?? new Date()).getTime(), lookbackDays: options.days ?? hop.mirror.lookbackDays, minAgeSeconds: 0, day: options.date });
      const inWindow = (e: SourceEntry) => placeInWindow(e.mtimeMs, window) !== 'outside';
      result.listed = sourceFiles.length;
      result.inWindow = sourceFiles.filter(inWindow).length;

      // Target folders that could not be listed: what they hold is unknown, so nothing is written into them
      // (it would rewrite every file there each night); the folder is reported once, above.
      const blind = onTarget.skipped.filter((s) => s.kind === 'unreadable').map((s) => `${s.relativePath}/`);
      const writable = (e: SourceEntry) => !blind.some((folder) => e.relativePath.startsWith(folder));
      const plan = planCopies(sourceFiles, targetFiles, hop.mirror.compareBy, (e) => inWindow(e) && writable(e));
      result.unchanged = plan.unchanged;
      for (const pair of plan.toHash) {
        if (options.signal?.aborted) break;
        try {
          if (await contentsDiffer(source, pair.source, target, pair.target)) plan.copies.push({ entry: pair.source, reason: 'changed' });
          else result.unchanged += 1;
        } catch (error) {
          result.errors.push({ relativePath: pair.source.relativePath, error: `cannot compare contents: ${(error as Error).message}` });
        }
      }

      const progress: SyncProgress = { filesDone: 0, filesTotal: plan.copies.length, bytesDone: 0, bytesTotal: plan.copies.reduce((n, c) => n + c.entry.size, 0) };
      options.onProgress?.({ ...progress });
      await eachLimited(plan.copies, COPIES_AT_ONCE, async ({ entry, reason }) => {
        try {
          const written = await copyFile(source, target, entry, { verifyContent: hop.mirror.compareBy === 'sha256' });
          result.bytesCopied += written.bytes;
          if (reason === 'new') result.copiedNew += 1;
          else result.copiedChanged += 1;
        } catch (error) {
          result.errors.push({ relativePath: entry.relativePath, error: (error as Error).message });
        }
        progress.filesDone += 1;
        progress.bytesDone += entry.size;
        options.onProgress?.({ ...progress });
      }, options.signal);
    });
    result.cancelled = options.signal?.aborted ?? false;
    await finishMirrorRun(db, runId, {
      outcome: result.cancelled ? 'cancelled' : result.errors.length > 0 ? 'failed' : 'succeeded',
      filesCopied: result.copiedNew + result.copiedChanged, bytesCopied: result.bytesCopied, error: summarizeErrors(result.errors),
    });
    return result;
  } catch (error) {
    await finishMirrorRun(db, runId, { outcome: 'failed', filesCopied: result.copiedNew + result.copiedChanged, bytesCopied: result.bytesCopied, error: (error as Error).message });
    throw error;
  }
}

export function summarizeErrors(errors: { relativePath: string; error: string }[]): string | null {
  if (errors.length === 0) return null;
  const first = errors.slice(0, 3).map((e) => `${e.relativePath}: ${e.error}`).join('; ');
  return `${errors.length} file(s) not copied: ${first}${errors.length > 3 ? '; …' : ''}`;
}
