// The demo's file simulators on a manual clock in a scratch data folder, and reading back what they wrote
// with the real parsers, the way the append stage picks them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { demoSourceDir } from '../../lib/config/demo';
import { instrumentKind } from '../../lib/instruments/registry';
import type { InstrumentKind, ParsedBatch, ParsedFile } from '../../lib/instruments/types';
import { ManualClock } from '../../lib/simulators/campbell-logger/clock';
import { FileSimulators } from '../../lib/simulators/files/simulator';
import { filesBelow } from './source-files';

export const SUMMIT = { lat: 72.58, lon: -38.46 };

export interface SimulatedDemo {
  dataDir: string;
  clock: ManualClock;
  simulators: FileSimulators;
  /** Files below an instrument's source folder, relative and sorted. */
  files(instrument: string): string[];
  pathOf(instrument: string, relativePath: string): string;
  /** The same data folder with a new FileSimulators, as after a restart. */
  restart(): FileSimulators;
  cleanup(): void;
}

export function simulatedDemo(startMs: number, backfillMs: number): SimulatedDemo {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldops-demo-files-'));
  const clock = new ManualClock(startMs);
  const make = () => new FileSimulators({ dataDir, site: SUMMIT, clock, backfillMs });
  return {
    dataDir,
    clock,
    simulators: make(),
    files: (instrument) => filesBelow(demoSourceDir(dataDir, instrument)),
    pathOf: (instrument, relativePath) => path.join(demoSourceDir(dataDir, instrument), relativePath),
    restart: make,
    cleanup: () => fs.rmSync(dataDir, { recursive: true, force: true }),
  };
}

/** The registry's module for a kind, as the append stage finds it. */
export function kindModule(kind: string): InstrumentKind {
  const found = instrumentKind(kind);
  if (!found) throw new Error(`no instrument kind ${kind}`);
  return found;
}

/** Parses one file as the append stage would: the kind picks the parser from the name and first bytes. */
export async function parseFile(kind: string, file: string): Promise<{ meta: ParsedFile['meta']; batches: ParsedBatch[] }> {
  const head = fs.readFileSync(file).subarray(0, 512);
  const parser = kindModule(kind).parserFor(path.basename(file), head);
  if (!parser) throw new Error(`${kind} does not claim ${file}`);
  const parsed = await parser(file, { fileName: path.basename(file) });
  const batches: ParsedBatch[] = [];
  for await (const batch of parsed.batches) batches.push(batch);
  return { meta: parsed.meta, batches };
}

/** One scalar variable of a stream across batches, with its times. */
export function series(batches: ParsedBatch[], stream: string, name: string): { timeMs: number; value: number | null }[] {
  return batches.flatMap((batch) => {
    if (batch.type !== 'scalars' || batch.stream !== stream) return [];
    const column = batch.variables.findIndex((v) => v.name === name);
    return column < 0 ? [] : batch.rows.map((row) => ({ timeMs: row.timeMs, value: row.values[column] ?? null }));
  });
}

export const mtimeOf = (file: string): number => Math.round(fs.statSync(file).mtimeMs);
