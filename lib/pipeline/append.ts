// The append stage: parse one fetched file with its instrument kind's parser and append its rows, and the
// ledger update, in one transaction. A file the parser rejects is quarantined with the parser's message and
// nothing from it is kept; a failure outside the file (database, configuration) marks it failed and throws so
// the job is retried. A file that grew since its last append contributes only its rows after
// `appended_through`; rows already present are skipped by the unique series key, never duplicated.
import fs from 'node:fs';
import path from 'node:path';
import { drizzle } from 'drizzle-orm/node-postgres';
import type { Database } from '../../db/client';
import { lockFileForAppend, markAppended, markFailed, markQuarantined } from '../../db/queries/ledger-append';
import { recordMedia } from '../../db/queries/media';
import { markQuicklooksStale } from '../../db/queries/quicklooks';
import { type ResolvedSeries, resolveSeries } from '../../db/queries/series-catalog';
import * as schema from '../../db/schema';
import { instrumentKind } from '../instruments/registry';
import { utcDay } from '../quicklooks/product-paths';
import { type ParsedBatch, ParseError } from '../instruments/types';
import { CopyBuffer } from './copy-buffer';
import { rawFilePath } from './raw-store';
import { copyNumber, copyRealArray, StagedCopy } from './staged-copy';

export type AppendResult =
  | { outcome: 'appended'; rowsInFile: number; valuesInserted: number; valuesSkipped: number; dataStart: Date | null; dataEnd: Date | null;
      /** Quicklooks (and timelapses) this file's data made stale: the job handler queues their re-render. */
      instrumentId: string; staleQuicklooks: { day: string; kind: string }[] }
  | { outcome: 'quarantined'; reason: string }
  | { outcome: 'missing' };

export interface AppendOptions {
  db: Database;
  dataDir: string;
  fileId: number;
  /** Called once per parsed batch, for progress bars. */
  onBatch?: (rows: number) => void;
}

export async function appendFile({ db, dataDir, fileId, onBatch }: AppendOptions): Promise<AppendResult> {
  const client = await db.$client.connect();
  const tx = drizzle(client, { schema, casing: 'snake_case' });
  let quarantine: string | null = null;
  try {
    await client.query('BEGIN');
    const target = await lockFileForAppend(tx, fileId);
    if (!target) {
      await client.query('ROLLBACK');
      return { outcome: 'missing' };
    }
    const { file, instrument } = target;
    try {
      const kind = instrumentKind(instrument.kind);
      if (!kind) throw new ParseError(file.relativePath, `instrument kind ${instrument.kind} has no file parser`);
      const fullPath = rawFilePath(dataDir, instrument.id, file.relativePath);
      const head = await readHead(fullPath);
      const parser = kind.parserFor(file.basename, head);
      if (!parser) throw new ParseError(file.relativePath, `not a ${instrument.kind} data file (unrecognised first bytes)`);
      const parsed = await parser(fullPath, {
        fileName: file.relativePath, timezone: instrument.timezone, afterTimeMs: file.appendedThrough?.getTime(),
      });
      const staged = new StagedCopy(client);
      let rowsInFile = 0;
      let minMs = Infinity;
      let maxMs = -Infinity;
      const seriesCache = new Map<string, ResolvedSeries>();
      const encoded = new CopyBuffer();
      for await (const batch of parsed.batches) {
        const metas = batch.type === 'scalars' ? batch.variables : [batch.variable];
        const key = `${batch.stream}\u0000${metas.map((m) => `${m.name}\u0001${m.unit}\u0001${m.shape}`).join('\u0000')}`;
        let ids = seriesCache.get(key);
        if (!ids) {
          ids = await resolveSeries(tx, instrument.id, batch.stream, metas);
          seriesCache.set(key, ids);
        }
        encoded.reset();
        const { lines, first, last } = encodeBatch(batch, ids.streamId, ids.variableIds, encoded);
        const rows = { text: encoded.bytes(), lines, streamId: ids.streamId, variableIds: ids.variableIds, minMs: first, maxMs: last };
        if (batch.type === 'scalars') await staged.writeObservations(rows);
        else await staged.writeProfiles(rows);
        rowsInFile += batch.rows.length;
        minMs = Math.min(minMs, first);
        maxMs = Math.max(maxMs, last);
        onBatch?.(batch.rows.length);
      }
      await staged.finish();
      if (parsed.meta.format === 'JPEG') {
        // Images are catalogued, not stored as values; their capture time is the file's data time.
        const a = parsed.meta.attributes;
        const takenAt = new Date(String(a.takenAt));
        await recordMedia(tx, { instrumentId: instrument.id, path: path.join('raw', instrument.id, file.relativePath), takenAt,
          size: file.size, width: Number(a.width) || null, height: Number(a.height) || null });
        minMs = Math.min(minMs, takenAt.getTime());
        maxMs = Math.max(maxMs, takenAt.getTime());
      }
      const valuesInserted = staged.inserted.observations + staged.inserted.profiles;
      const valuesSkipped = staged.staged.observations + staged.staged.profiles - valuesInserted;
      const dataStart = Number.isFinite(minMs) ? new Date(minMs) : null;
      const dataEnd = Number.isFinite(maxMs) ? new Date(maxMs) : null;
      await markAppended(tx, fileId, { rowsAppended: rowsInFile, valuesAppended: valuesInserted, dataStart, dataEnd, meta: parsed.meta });
      // New values (or a new image) for days already drawn: their images are out of date, whatever their times.
      const staleQuicklooks = dataStart && dataEnd && (valuesInserted > 0 || parsed.meta.format === 'JPEG')
        ? await markQuicklooksStale(tx, instrument.id, utcDay(dataStart), utcDay(dataEnd)) : [];
      await client.query('COMMIT');
      return { outcome: 'appended', rowsInFile, valuesInserted, valuesSkipped, dataStart, dataEnd, instrumentId: instrument.id, staleQuicklooks };
    } catch (error) {
      await client.query('ROLLBACK');
      if (error instanceof ParseError || isMissingFile(error)) {
        quarantine = error instanceof ParseError ? error.message : `${file.relativePath}: the raw copy is missing (${(error as Error).message})`;
      } else {
        await markFailed(db, fileId, `${file.relativePath}: ${(error as Error).message}`).catch(() => {});
        throw error;
      }
    }
  } finally {
    client.release();
  }
  await markQuarantined(db, fileId, quarantine);
  return { outcome: 'quarantined', reason: quarantine };
}

/**
 * One batch as COPY text lines written into `out`, with its first and last time. The text exists only as
 * bytes: no string per line or per batch is built (see copy-buffer.ts).
 */
function encodeBatch(batch: ParsedBatch, streamId: number, variableIds: number[], out: CopyBuffer): { lines: number; first: number; last: number } {
  // `\t<stream>\t<variable>\t`, the part of a line that only depends on the column.
  const columns = variableIds.map((id) => `\t${streamId}\t${id}\t`);
  let lines = 0;
  let first = Infinity;
  let last = -Infinity;
  for (const row of batch.rows) {
    const time = new Date(row.timeMs).toISOString();
    if (row.timeMs < first) first = row.timeMs;
    if (row.timeMs > last) last = row.timeMs;
    if (batch.type === 'scalars') {
      const values = (row as { values: (number | null)[] }).values;
      for (let i = 0; i < values.length; i++) {
        out.write(time);
        out.write(columns[i]!);
        out.write(copyNumber(values[i] ?? null));
        out.writeByte(NEWLINE);
      }
      lines += values.length;
    } else {
      out.write(time);
      out.write(columns[0]!);
      out.write(copyRealArray((row as { values: Float32Array }).values));
      out.writeByte(NEWLINE);
      lines += 1;
    }
  }
  return { lines, first, last };
}

const NEWLINE = 10;

async function readHead(fullPath: string): Promise<Buffer> {
  const handle = await fs.promises.open(fullPath, 'r');
  try {
    const buffer = Buffer.alloc(512);
    const { bytesRead } = await handle.read(buffer, 0, 512, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function isMissingFile(error: unknown): boolean {
  return (error as NodeJS.ErrnoException)?.code === 'ENOENT';
}
