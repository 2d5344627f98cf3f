// `fieldops mirror sync [--mirror M] [--instrument I] [--days N | --date YYYY-MM-DD]`. Ctrl-C stops after
// the files in progress; the next run resumes (files already copied are equal and skipped).
import type { Database } from '../../db/client';
import { loadConfig } from '../config/load';
import { getEnv } from '../env';
import { mirrorHops, UnknownMirrorError, type Hop } from '../mirrors/hops';
import { syncMirror, type SyncProgress } from '../mirrors/sync';
import { SourceUnavailableError } from '../sources/types';
import { withCommandDatabase } from './command-database';
import { UsageError } from './instrument-arg';
import { formatDuration, ProgressLine } from './progress';

export interface MirrorSyncFlags {
  mirror?: string;
  instrument?: string;
  days?: string;
  date?: string;
}

export async function mirrorSyncCommand(flags: MirrorSyncFlags): Promise<void> {
  const env = getEnv();
  const { config } = loadConfig({ configPath: env.FIELDOPS_CONFIG, dataDir: env.dataDir });
  const days = flags.days === undefined ? undefined : Number(flags.days);
  if (days !== undefined && (!Number.isInteger(days) || days < 0)) throw new UsageError(`--days must be a whole number of days, got '${flags.days}'`);
  if (flags.date && !/^\d{4}-\d{2}-\d{2}$/.test(flags.date)) throw new UsageError(`--date must be YYYY-MM-DD, got '${flags.date}'`);
  if (days !== undefined && flags.date) throw new UsageError('--days and --date exclude each other');
  if (flags.instrument && !config.instruments.some((i) => i.id === flags.instrument)) {
    throw new UsageError(`no instrument '${flags.instrument}' in the config; there are: ${config.instruments.map((i) => i.id).join(', ')}`);
  }
  const hops = findHops(() => mirrorHops(config, env.dataDir, flags.mirror));
  if (hops.length === 0) throw new UsageError('there are no mirrors in the config');

  const abort = new AbortController();
  const onInterrupt = () => {
    process.stderr.write('\nstopping after the files in progress (Ctrl-C again to quit at once)\n');
    abort.abort();
    process.once('SIGINT', () => process.exit(130));
  };
  process.once('SIGINT', onInterrupt);
  try {
    await withCommandDatabase((db) => syncHops(db, hops, flags, days, abort.signal), { syncConfig: true, applicationName: 'fieldops-mirror-sync' });
  } finally {
    process.removeListener('SIGINT', onInterrupt);
  }
}

async function syncHops(db: Database, hops: Hop[], flags: MirrorSyncFlags, days: number | undefined, signal: AbortSignal): Promise<void> {
  for (const hop of hops) {
    if (signal.aborted) break;
    process.stdout.write(`${hop.mirror.id}: ${hop.source.spec.path} -> ${hop.target.spec.path}\n`);
    const progress = new ProgressLine(`  ${hop.mirror.id}`);
    let copyStarted = 0;
    try {
      const result = await syncMirror({ db, hop, days, date: flags.date, instrument: flags.instrument, signal, onProgress: (p) => {
        copyStarted ||= Date.now();
        progress.update(progressBar(p, copyStarted), p.filesDone === p.filesTotal);
      } });
      const seconds = copyStarted ? (Date.now() - copyStarted) / 1000 : 0;
      progress.done(`${result.copiedNew} new and ${result.copiedChanged} changed file(s) copied (${formatBytes(result.bytesCopied)} in ${formatDuration(seconds)}), ` +
        `${result.unchanged} already there, ${result.listed - result.inWindow} outside the window${result.cancelled ? '; STOPPED before the end' : ''}`);
      for (const e of result.errors) process.stdout.write(`  not copied: ${e.relativePath}: ${e.error}\n`);
      if (result.errors.length > 0 || result.cancelled) process.exitCode = 1;
    } catch (error) {
      if (!(error instanceof SourceUnavailableError)) throw error;
      progress.done(`FAILED: ${error.message}`);
      process.exitCode = 1;
    }
  }
}

export function findHops(find: () => Hop[]): Hop[] {
  try {
    return find();
  } catch (error) {
    if (error instanceof UnknownMirrorError) throw new UsageError(error.message);
    throw error;
  }
}

export function progressBar(p: SyncProgress, startedMs: number): string {
  const fraction = p.bytesTotal > 0 ? p.bytesDone / p.bytesTotal : p.filesTotal > 0 ? p.filesDone / p.filesTotal : 1;
  const width = 24;
  const filled = Math.round(fraction * width);
  const elapsed = Math.max((Date.now() - startedMs) / 1000, 0.001);
  const rate = p.bytesDone / elapsed;
  const eta = rate > 0 ? (p.bytesTotal - p.bytesDone) / rate : Infinity;
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${Math.floor(fraction * 100)}%  ${p.filesDone}/${p.filesTotal} files, ` +
    `${formatBytes(p.bytesDone)} of ${formatBytes(p.bytesTotal)}, ${formatBytes(rate)}/s, ETA ${formatDuration(eta)}`;
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${unit === 0 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}
