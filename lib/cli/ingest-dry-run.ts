// `fieldops ingest --dry-run`: list the sync window and parse every file in it, writing nothing (no raw
// copy, no ledger, no rows): what would be appended, and which files would be quarantined and why.
import type { InstrumentConfig } from '../config/schema';
import { instrumentKind } from '../instruments/registry';
import { ParseError } from '../instruments/types';
import { placeInWindow, syncWindow } from '../pipeline/sync-window';
import { openSource } from '../sources/open';
import { UsageError } from './instrument-arg';

export async function dryRun(instrument: InstrumentConfig, options: { days?: number; date?: string }): Promise<void> {
  const kind = instrumentKind(instrument.kind);
  if (!kind) throw new UsageError(`instrument kind ${instrument.kind} has no file parser`);
  const config = instrument.source!;
  if (config.path.startsWith('sftp://')) throw new UsageError('--dry-run reads local folders only; run without it to fetch from SFTP');
  const source = openSource(config);
  try {
    const window = syncWindow({ nowMs: Date.now(), lookbackDays: options.days ?? config.lookbackDays, minAgeSeconds: 0, day: options.date });
    const { entries } = await source.list();
    let ok = 0;
    let bad = 0;
    for (const entry of entries) {
      if (placeInWindow(entry.mtimeMs, window) !== 'inside') continue;
      const fullPath = `${config.path.replace(/\/$/, '')}/${entry.relativePath}`;
      const stream = await source.openRead(entry.relativePath, Math.min(entry.size, 512));
      const head = await firstBytes(stream, 512);
      const parser = kind.parserFor(entry.relativePath, head);
      if (!parser) {
        bad += 1;
        process.stdout.write(`would quarantine ${entry.relativePath}: not a ${instrument.kind} data file\n`);
        continue;
      }
      try {
        const parsed = await parser(fullPath, { fileName: entry.relativePath, timezone: instrument.timezone });
        let rows = 0;
        for await (const batch of parsed.batches) rows += batch.rows.length;
        ok += 1;
        process.stdout.write(`would append  ${entry.relativePath}: ${rows} rows\n`);
      } catch (error) {
        if (!(error instanceof ParseError)) throw error;
        bad += 1;
        process.stdout.write(`would quarantine ${error.message}\n`);
      }
    }
    process.stdout.write(`dry run: ${ok} file(s) parse, ${bad} would be quarantined; nothing was written\n`);
  } finally {
    await source.close();
  }
}

async function firstBytes(stream: NodeJS.ReadableStream, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of stream) {
    chunks.push(chunk as Buffer);
    length += (chunk as Buffer).length;
    if (length >= limit) break;
  }
  (stream as { destroy?: () => void }).destroy?.();
  return Buffer.concat(chunks).subarray(0, limit);
}
