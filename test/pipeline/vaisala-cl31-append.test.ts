// Ceilometer message files through the real append stage on a real database: profiles and status rows, the
// skipped-message counts on the ledger row, re-runs and copies adding nothing, and a file the parser refuses
// quarantined with its reason and nothing kept.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { files, observations, profiles } from '../../db/schema';
import { appendFile } from '../../lib/pipeline/append';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { blViewFile, clMessage, framedClMessage } from '../helpers/fixtures/cl31';
import { ensureInstrument, ledgerFetchedFile } from '../helpers/ledger';

let t: TestDatabase;
let dataDir: string;
beforeAll(async () => {
  t = await createTestDatabase();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldops-cl31-append-'));
  await ensureInstrument(t.db, 'ceilo31', 'vaisala-cl31');
});
afterAll(async () => {
  await t?.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const count = async (table: typeof observations | typeof profiles) =>
  (await t.db.select({ n: sql<number>`count(*)::int` }).from(table))[0]!.n;
const ledger = async (id: number) => (await t.db.select().from(files).where(eq(files.id, id)))[0]!;
const T0 = Date.UTC(2026, 10, 20, 0, 0, 16);

/** Five message-2 files' worth, the third with a damaged CRC. */
const day = (start: number) =>
  blViewFile(Array.from({ length: 5 }, (_, i) => ({
    timeMs: start + i * 16_000,
    text: clMessage({ messageNumber: 2, subclass: 2, crcOverride: i === 2 ? 0xbeef : undefined }),
  })));

describe('vaisala-cl31 append', () => {
  it('appends the good messages, records the CRC failure on the ledger, and never duplicates', async () => {
    const text = day(T0);
    const id = await ledgerFetchedFile(t.db, dataDir, 'ceilo31', '2026/11/20/A2011200.DAT', text);
    const result = await appendFile({ db: t.db, dataDir, fileId: id });
    // 4 messages x (status row + sky row + profile).
    expect(result).toMatchObject({ outcome: 'appended', rowsInFile: 12, valuesSkipped: 0 });
    expect(await count(profiles)).toBe(4);
    expect(await count(observations)).toBe(4 * (17 + 11));
    const row = await ledger(id);
    expect(row).toMatchObject({ state: 'appended', error: null });
    expect(row.meta).toMatchObject({ format: 'vaisala-ceilometer-messages', attributes: { messages: 4, crcFailures: 1, model: 'CL31', samples: 385 } });
    expect(row.dataStart!.toISOString()).toBe('2026-11-20T00:00:16.000Z');

    expect(await appendFile({ db: t.db, dataDir, fileId: id })).toMatchObject({ outcome: 'appended', valuesInserted: 0 });
    const copy = await ledgerFetchedFile(t.db, dataDir, 'ceilo31', 'copy/A2011200.DAT', text);
    expect(await appendFile({ db: t.db, dataDir, fileId: copy })).toMatchObject({ outcome: 'appended', valuesInserted: 0 });
    expect(await count(profiles)).toBe(4);
    expect(await count(observations)).toBe(4 * 28);
  });

  it('quarantines a file with an unreadable message (valid CRC, oversized claim) and keeps nothing from it', async () => {
    const before = [await count(observations), await count(profiles)];
    const good = day(T0 + 3_600_000);
    const bad = framedClMessage(['CL020212\x02', '10 01230 ///// ///// 000000000080', '00100 20 9999 098 +34 099 12 0621 L0112HN15 139', 'FFFFF']);
    const text = good + blViewFile([{ timeMs: T0 + 7_200_000, text: bad }]);
    const id = await ledgerFetchedFile(t.db, dataDir, 'ceilo31', 'bad/A2011201.DAT', text);
    const result = await appendFile({ db: t.db, dataDir, fileId: id });
    expect(result).toMatchObject({ outcome: 'quarantined', reason: expect.stringMatching(/^bad\/A2011201\.DAT: line \d+: implausible profile length 9999 samples: expected 1\.\.2048$/) });
    expect((await ledger(id)).state).toBe('quarantined');
    expect([await count(observations), await count(profiles)]).toEqual(before);
  });
});
