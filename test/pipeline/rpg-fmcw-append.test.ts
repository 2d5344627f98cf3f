// RPG FMCW LV1 files through the real append stage on a real database: moments into profiles, housekeeping
// into observations, a re-run or a second copy adding nothing, and a corrupt file (the real corrupted sample
// where ../shared/samples exists, a truncated fixture always) quarantined with its reason and nothing kept.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { files, observations, profiles } from '../../db/schema';
import { appendFile } from '../../lib/pipeline/append';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { simpleFmcwFile } from '../helpers/fixtures/rpg-fmcw';
import { ensureInstrument, ledgerFetchedFile } from '../helpers/ledger';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const samplesDir = path.resolve(repoRoot, '..', 'shared', 'samples', 'rpg-fmcw');
const haveSamples = fs.existsSync(samplesDir);
if (!haveSamples) console.warn(`rpg-fmcw sample-file pipeline tests skipped: no sample folder at ${samplesDir}`);

let t: TestDatabase;
let dataDir: string;
beforeAll(async () => {
  t = await createTestDatabase();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldops-fmcw-append-'));
  await ensureInstrument(t.db, 'radar', 'rpg-fmcw');
});
afterAll(async () => {
  await t?.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const count = async (table: typeof observations | typeof profiles) =>
  (await t.db.select({ n: sql<number>`count(*)::int` }).from(table))[0]!.n;
const ledger = async (id: number) => (await t.db.select().from(files).where(eq(files.id, id)))[0]!;
const T0 = Date.UTC(2026, 10, 20, 6, 0, 0);

describe('rpg-fmcw append', () => {
  it('appends a fixture file; a re-run and a second copy add nothing', async () => {
    const bytes = simpleFmcwFile({ startMs: T0, count: 5, dualPol: 1 });
    const id = await ledgerFetchedFile(t.db, dataDir, 'radar', '2026/11/20/201120_060000_P01_ZEN.LV1', bytes);
    const result = await appendFile({ db: t.db, dataDir, fileId: id });
    // 5 samples x (1 housekeeping row + 8 moments).
    expect(result).toMatchObject({ outcome: 'appended', rowsInFile: 45, valuesSkipped: 0 });
    expect(await count(observations)).toBe(5 * 18);
    expect(await count(profiles)).toBe(5 * 8);
    const row = await ledger(id);
    expect(row).toMatchObject({ state: 'appended', error: null });
    expect(row.dataStart!.toISOString()).toBe('2026-11-20T06:00:00.250Z');
    expect(row.meta?.format).toBe('rpg-fmcw-lv1');

    expect(await appendFile({ db: t.db, dataDir, fileId: id })).toMatchObject({ outcome: 'appended', valuesInserted: 0 });
    const copy = await ledgerFetchedFile(t.db, dataDir, 'radar', 'copy/201120_060000_P01_ZEN.LV1', bytes);
    expect(await appendFile({ db: t.db, dataDir, fileId: copy })).toMatchObject({ outcome: 'appended', valuesInserted: 0, valuesSkipped: 5 * 26 });
    expect(await count(observations)).toBe(5 * 18);
    expect(await count(profiles)).toBe(5 * 8);
  });

  it('quarantines a truncated fixture with its reason and keeps nothing from it', async () => {
    const before = [await count(observations), await count(profiles)];
    const bytes = simpleFmcwFile({ startMs: T0 + 3_600_000, count: 50 });
    const id = await ledgerFetchedFile(t.db, dataDir, 'radar', 'bad/cut.LV1', bytes.subarray(0, bytes.length - 10));
    const result = await appendFile({ db: t.db, dataDir, fileId: id });
    expect(result).toMatchObject({ outcome: 'quarantined', reason: expect.stringMatching(/^bad\/cut\.LV1: byte \d+: truncated: expected sample 50/) });
    expect((await ledger(id)).state).toBe('quarantined');
    expect([await count(observations), await count(profiles)]).toEqual(before); // 49 good samples first: none kept
  });

  it.skipIf(!haveSamples)('appends the real LV1 sample and quarantines the real corrupted one with a clear reason', async () => {
    const before = [await count(observations), await count(profiles)];
    const good = await ledgerFetchedFile(t.db, dataDir, 'radar', 'BaseN_210913_001152_P01_PPI.LV1', fs.readFileSync(path.join(samplesDir, 'BaseN_210913_001152_P01_PPI.LV1')));
    const appended = await appendFile({ db: t.db, dataDir, fileId: good });
    // 68 samples x (1 housekeeping row + 12 STSR moments).
    expect(appended).toMatchObject({ outcome: 'appended', rowsInFile: 68 * 13 });
    expect(await count(profiles)).toBe(before[1]! + 68 * 12);
    expect(await count(observations)).toBe(before[0]! + 68 * 18);

    const afterGood = [await count(observations), await count(profiles)];
    const bad = await ledgerFetchedFile(t.db, dataDir, 'radar', 'corrupted_230401_000001_P00_ZEN.LV1', fs.readFileSync(path.join(samplesDir, 'corrupted_230401_000001_P00_ZEN.LV1')));
    const quarantined = await appendFile({ db: t.db, dataDir, fileId: bad });
    expect(quarantined).toEqual({
      outcome: 'quarantined',
      reason: 'corrupted_230401_000001_P00_ZEN.LV1: byte 42336: truncated: the header promises 1093 samples of at least 4152 bytes each, but only 1088156 bytes follow (room for 262)',
    });
    expect(await ledger(bad)).toMatchObject({ state: 'quarantined', error: quarantined.outcome === 'quarantined' ? quarantined.reason : '' });
    expect([await count(observations), await count(profiles)]).toEqual(afterGood);
  });
});
