// The real instrument files in ../shared/samples (see its README), for acceptance tests: where they are,
// appending one through the real pipeline (ledger row, then the append stage), and reading one with its kind's
// parser to know what the data holds.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from '../../db/client';
import { instrumentKind } from '../../lib/instruments/registry';
import type { ParsedBatch, ProfileBatch, ProfileRow } from '../../lib/instruments/types';
import { type AppendResult, appendFile } from '../../lib/pipeline/append';
import { collect } from './fixtures/hatpro';
import { ensureInstrument, ledgerFetchedFile } from './ledger';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const samplesRoot = path.resolve(repoRoot, '..', 'shared', 'samples');

/** Whether every named sample (relative to the samples folder) exists; the reason to print when not. */
export function samplesPresent(relativePaths: string[]): { present: boolean; reason: string } {
  const missing = relativePaths.filter((relative) => !fs.existsSync(path.join(samplesRoot, relative)));
  return { present: missing.length === 0, reason: `missing under ${samplesRoot}: ${missing.join(', ')}` };
}

/** Ledgers the sample as fetched for a new instrument of `kind` and appends it; throws unless appended. */
export async function appendSample(db: Database, dataDir: string, instrumentId: string, kind: string, relative: string): Promise<Extract<AppendResult, { outcome: 'appended' }>> {
  await ensureInstrument(db, instrumentId, kind);
  const fileId = await ledgerFetchedFile(db, dataDir, instrumentId, path.basename(relative), fs.readFileSync(path.join(samplesRoot, relative)));
  const result = await appendFile({ db, dataDir, fileId });
  if (result.outcome !== 'appended') throw new Error(`${relative} was not appended: ${JSON.stringify(result)}`);
  return result;
}

/** Every batch the kind's parser reads from the sample. */
export async function parseSample(kind: string, relative: string): Promise<ParsedBatch[]> {
  const file = path.join(samplesRoot, relative);
  const parser = instrumentKind(kind)?.parserFor(path.basename(file), fs.readFileSync(file).subarray(0, 4096));
  if (!parser) throw new Error(`${kind} does not claim ${relative}`);
  return collect((await parser(file, { fileName: path.basename(file) })).batches);
}

/** One profile variable of parsed batches: its rows and its axis. */
export function profileVariable(batches: ParsedBatch[], name: string): { rows: ProfileRow[]; axis: number[] } {
  const matching = batches.filter((b): b is ProfileBatch => b.type === 'profiles' && b.variable.name === name);
  if (matching.length === 0) throw new Error(`no profile variable ${name}`);
  return { rows: matching.flatMap((b) => b.rows), axis: matching[0]!.variable.axis?.values ?? [] };
}
