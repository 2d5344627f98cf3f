// `fieldops ingest <instrument>`: source-sync and append in the foreground, with progress and a summary.
// The same domain code the workers run; a file already present is skipped row by row, never duplicated.
import path from 'node:path';
import { getEnv } from '../env';
import { listAwaitingAppend } from '../../db/queries/ledger-list';
import { refreshRollups } from '../../db/timeseries/rollups';
import { appendFile } from '../pipeline/append';
import { syncInstrumentSource } from '../pipeline/source-sync';
import { type InstrumentConfig } from '../config/schema';
import { withCommandDatabase } from './command-database';
import { findInstrument, UsageError } from './instrument-arg';
import { dryRun } from './ingest-dry-run';
import { formatDuration, ProgressLine } from './progress';

export interface IngestFlags {
  days?: string;
  date?: string;
  file?: string;
  dryRun?: boolean;
}

export async function ingestCommand(instrumentId: string, flags: IngestFlags): Promise<void> {
  const env = getEnv();
  const instrument = withFileSource(findInstrument(env, instrumentId), flags.file);
  const source = instrument.source;
  if (!source) throw new UsageError(`instrument '${instrumentId}' (${instrument.kind}) has no source folder to ingest from`);
  const days = flags.days === undefined ? undefined : Number(flags.days);
  if (days !== undefined && (!Number.isInteger(days) || days < 0)) throw new UsageError(`--days must be a whole number of days, got '${flags.days}'`);
  if (flags.date && !/^\d{4}-\d{2}-\d{2}$/.test(flags.date)) throw new UsageError(`--date must be YYYY-MM-DD, got '${flags.date}'`);
  if (flags.dryRun) return dryRun(instrument, { days, date: flags.date });

  await withCommandDatabase(async (db) => {
    const pending: number[] = [];
    const sync = await syncInstrumentSource({ db, instrument, dataDir: env.dataDir, days, date: flags.date, enqueueAppend: async (id) => void pending.push(id) });
    process.stdout.write(`synced ${instrument.id} from ${source.path}: ${sync.listed} listed, ${sync.new} new, ${sync.changed} changed, ` +
      `${sync.unchanged} unchanged, ${sync.late} late, ${sync.settling} still being written, ${sync.outsideWindow} outside the window\n`);
    for (const e of sync.errors) process.stdout.write(`  could not fetch ${e.relativePath}: ${e.error}\n`);
    // Also finish what an earlier run or a worker left fetched but not appended (a crash, a lost job).
    const onlyPath = flags.file ? source.pattern : undefined;
    for (const waiting of await listAwaitingAppend(db, instrument.id)) {
      if (!pending.includes(waiting.id) && (!onlyPath || unescapeGlob(onlyPath) === waiting.relativePath)) pending.push(waiting.id);
    }

    const progress = new ProgressLine('appending');
    const started = Date.now();
    let rows = 0;
    let inserted = 0;
    let skipped = 0;
    const quarantined: string[] = [];
    const landed = { from: Infinity, to: -Infinity };
    for (const [index, fileId] of pending.entries()) {
      const result = await appendFile({ db, dataDir: env.dataDir, fileId, onBatch: (n) => {
        rows += n;
        const elapsed = (Date.now() - started) / 1000;
        progress.update(`${index}/${pending.length} files, ${Math.round(rows / Math.max(elapsed, 0.001))} rows/s, ETA ${formatDuration((elapsed / Math.max(index, 1)) * (pending.length - index))}`);
      } });
      if (result.outcome === 'appended') {
        inserted += result.valuesInserted;
        skipped += result.valuesSkipped;
        if (result.valuesInserted > 0 && result.dataStart && result.dataEnd) {
          landed.from = Math.min(landed.from, result.dataStart.getTime());
          landed.to = Math.max(landed.to, result.dataEnd.getTime());
        }
      } else if (result.outcome === 'quarantined') quarantined.push(result.reason);
    }
    // As the append job does: the roll-ups that long-range charts read must include what just landed.
    if (landed.to >= landed.from) await refreshRollups(db, new Date(landed.from), new Date(landed.to + 1));
    const seconds = (Date.now() - started) / 1000;
    progress.done(`${pending.length} files in ${formatDuration(seconds)}: ${rows} rows, ${inserted} values appended, ${skipped} values already present`);
    process.stdout.write(`quarantined: ${quarantined.length}\n${quarantined.map((r) => `  ${r}\n`).join('')}`);
    if (sync.errors.length > 0 || quarantined.length > 0) process.exitCode = 1;
  }, { syncConfig: true, applicationName: 'fieldops-ingest', max: 3 });
}

function unescapeGlob(pattern: string): string {
  return pattern.replace(/\\(.)/g, '$1');
}

/** `--file PATH`: only that file, found in the instrument's source root when it lies inside it. */
function withFileSource(instrument: InstrumentConfig, file: string | undefined): InstrumentConfig {
  if (!file) return instrument;
  const full = path.resolve(file);
  const root = instrument.source ? path.resolve(instrument.source.path) : null;
  const inside = root && full.startsWith(root + path.sep);
  const sourceRoot = inside ? root : path.dirname(full);
  const relative = path.relative(sourceRoot, full).split(path.sep).join('/');
  // picomatch treats these characters as syntax; escape them so the pattern names exactly this file.
  const pattern = relative.replace(/[\\*?[\]{}()!+@]/g, (c) => `\\${c}`);
  return { ...instrument, source: { ...(instrument.source ?? { lookbackDays: 3 }), path: sourceRoot, pattern, lookbackDays: 36_500, minAge: 0 } };
}
