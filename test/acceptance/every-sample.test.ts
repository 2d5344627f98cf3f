// Every file in ../shared/samples is read by the kind its folder names: parsed into rows, or (for the
// deliberately corrupted ones) refused with a ParseError. A sample folder no kind claims fails the suite, so
// a new sample cannot sit unread. The per-kind suites beside this one check the values.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { instrumentKind } from '../../lib/instruments/registry';
import { ParseError } from '../../lib/instruments/types';
import { parseDataQueryAnswer } from '../../lib/live/dataquery-response';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const samplesRoot = path.resolve(repoRoot, '..', 'shared', 'samples');
const exists = fs.existsSync(samplesRoot);
if (!exists) console.warn(`acceptance over every sample skipped: no folder at ${samplesRoot}`);

/** Sample folder → instrument kind whose parsers read it (TOB1 is read by the TOA5 kind's module). */
const KIND_OF_FOLDER: Record<string, string> = {
  'campbell-toa5': 'campbell-toa5',
  'campbell-tob1': 'campbell-toa5',
  'campbell-tob3': 'campbell-tob3',
  'licor-ghg': 'licor-ghg',
  'mobile-mesonet': 'vehicle-log',
  'rpg-fmcw': 'rpg-fmcw',
  'rpg-hatpro': 'rpg-hatpro',
  'vaisala-cl31': 'vaisala-cl31',
  'vaisala-cl61': 'vaisala-cl61',
};

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name.startsWith('.')) return [];
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

const folders = exists ? fs.readdirSync(samplesRoot, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name) : [];

describe.skipIf(!exists)('every real sample file', () => {
  it('each sample folder is read by a known kind', () => {
    const unread = folders.filter((f) => f !== 'campbell-dataquery' && !KIND_OF_FOLDER[f]);
    expect(unread).toEqual([]);
  });

  for (const folder of folders.filter((f) => KIND_OF_FOLDER[f])) {
    const kind = instrumentKind(KIND_OF_FOLDER[folder]!)!;
    for (const file of filesUnder(path.join(samplesRoot, folder))) {
      const name = path.relative(samplesRoot, file);
      it(`${name} is ${/corrupt/i.test(name) ? 'refused with a reason' : 'parsed'} by ${kind.kind}`, async () => {
        const parser = kind.parserFor(path.basename(file), fs.readFileSync(file).subarray(0, 4096));
        expect(parser, `${kind.kind} claims ${name}`).not.toBeNull();
        const read = async () => {
          const parsed = await parser!(file, { fileName: name });
          let rows = 0;
          for await (const batch of parsed.batches) rows += batch.rows.length;
          return rows;
        };
        if (/corrupt/i.test(name)) {
          await expect(read()).rejects.toBeInstanceOf(ParseError);
        } else {
          expect(await read()).toBeGreaterThan(0);
        }
      });
    }
  }

  it('the DataQuery sample reads as logger records', () => {
    for (const file of filesUnder(path.join(samplesRoot, 'campbell-dataquery'))) {
      const answer = parseDataQueryAnswer(JSON.parse(fs.readFileSync(file, 'utf8')), 'UTC', path.basename(file));
      expect(answer.records.length, file).toBeGreaterThan(0);
    }
  });
});
