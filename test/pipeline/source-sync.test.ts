import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { files } from '../../db/schema';
import { syncInstrumentSource, type SyncOptions } from '../../lib/pipeline/source-sync';
import { SourceUnavailableError } from '../../lib/sources/types';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { addInstrument, DAY_MS, filesBelow, instrumentConfig, ledgerRows, setMtime, writeSourceFile } from '../helpers/source-files';

let t: TestDatabase;
let tmp: string;
let dataDir: string;
const nowMs = Date.now();
const dayStart = Math.floor(nowMs / DAY_MS) * DAY_MS;
// Earlier today whatever the hour, so no test depends on when it runs.
const today = dayStart + Math.floor((nowMs - dayStart) / 2);
const yesterday = dayStart - DAY_MS / 2;
const sha256 = (data: string | Buffer) => crypto.createHash('sha256').update(data).digest('hex');

beforeAll(async () => {
  t = await createTestDatabase();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldops-source-sync-'));
  dataDir = path.join(tmp, 'data');
});
afterAll(async () => {
  await t?.drop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** A fresh instrument with an empty source folder. The default kind has no file parser, so every file matches. */
async function setup(id: string, kind: Parameters<typeof instrumentConfig>[1] = 'campbell-dataquery', source: Record<string, unknown> = {}) {
  await addInstrument(t.db, id, kind);
  const root = path.join(tmp, 'sources', id);
  fs.mkdirSync(root, { recursive: true });
  const sent: number[] = [];
  const run = (extra: Partial<SyncOptions> = {}) =>
    syncInstrumentSource({
      db: t.db, dataDir, now: new Date(nowMs), instrument: instrumentConfig(id, kind, { path: root, ...source }),
      enqueueAppend: async (fileId) => void sent.push(fileId), ...extra,
    });
  return { root, raw: path.join(dataDir, 'raw', id), sent, run };
}

describe('source-sync', () => {
  it('copies new files of dated and flat layouts, verified, ledgered as fetched, and hands them to append', async () => {
    const s = await setup('layouts');
    const dated = crypto.randomBytes(70_000);
    writeSourceFile(s.root, 'Y2026/M11/D21/cl61_0000.nc', dated, yesterday);
    writeSourceFile(s.root, 'flat.dat', 'flat file', today);

    const result = await s.run();
    expect(result).toEqual({ listed: 2, new: 2, changed: 0, unchanged: 0, late: 0, settling: 0, outsideWindow: 0, skipped: 0, requeued: 0, errors: [] });
    const rows = await ledgerRows(t.db, 'layouts');
    expect(rows).toMatchObject([
      { relativePath: 'Y2026/M11/D21/cl61_0000.nc', basename: 'cl61_0000.nc', size: dated.length, mtime: new Date(yesterday), sha256: sha256(dated), state: 'fetched', late: false, error: null },
      { relativePath: 'flat.dat', basename: 'flat.dat', size: 9, mtime: new Date(today), sha256: sha256('flat file'), state: 'fetched' },
    ]);
    expect(rows.every((r) => r.fetchedAt instanceof Date)).toBe(true);
    expect(s.sent.sort()).toEqual(rows.map((r) => r.id).sort());
    // The raw store mirrors the source layout, keeps the mtimes, and holds nothing else (no partial copies).
    expect(filesBelow(s.raw)).toEqual(['Y2026/M11/D21/cl61_0000.nc', 'flat.dat']);
    expect(fs.readFileSync(path.join(s.raw, 'Y2026/M11/D21/cl61_0000.nc')).equals(dated)).toBe(true);
    expect(Math.round(fs.statSync(path.join(s.raw, 'flat.dat')).mtimeMs)).toBe(today);
    // Nothing at the source was touched.
    expect(filesBelow(s.root)).toEqual(['Y2026/M11/D21/cl61_0000.nc', 'flat.dat']);
    expect(Math.round(fs.statSync(path.join(s.root, 'flat.dat')).mtimeMs)).toBe(today);
  });

  it('is idempotent: a second sync copies, ledgers and sends nothing', async () => {
    const s = await setup('twice');
    writeSourceFile(s.root, 'a.dat', 'a', today);
    writeSourceFile(s.root, 'b/c.dat', 'c', yesterday);
    await s.run();
    const before = await ledgerRows(t.db, 'twice');
    s.sent.length = 0;
    const again = await s.run();
    expect(again).toMatchObject({ listed: 2, new: 0, changed: 0, unchanged: 2, errors: [] });
    expect(s.sent).toEqual([]);
    expect(await ledgerRows(t.db, 'twice')).toEqual(before);
  });

  it('re-copies a file whose size or mtime changed; an appended file goes back to fetched and keeps appended_through', async () => {
    const s = await setup('grows');
    const file = writeSourceFile(s.root, 'log.dat', 'row1\n', today - 60_000);
    writeSourceFile(s.root, 'bad.dat', 'bad', today - 60_000);
    await s.run();
    const through = new Date(today - 60_000);
    await t.db.update(files).set({ state: 'appended', appendedThrough: through, dataEnd: through }).where(sql`${files.relativePath} = 'log.dat'`);
    await t.db.update(files).set({ state: 'quarantined', error: 'not a TOA5 file' }).where(sql`${files.relativePath} = 'bad.dat'`);
    const firstId = (await ledgerRows(t.db, 'grows')).find((r) => r.relativePath === 'log.dat')!.id;
    s.sent.length = 0;

    fs.appendFileSync(file, 'row2\n');
    setMtime(file, today);
    const result = await s.run();
    expect(result).toMatchObject({ new: 0, changed: 1, unchanged: 1, late: 0, errors: [] });
    const [bad, log] = await ledgerRows(t.db, 'grows');
    expect(log).toMatchObject({ id: firstId, state: 'fetched', size: 10, mtime: new Date(today), sha256: sha256('row1\nrow2\n'), appendedThrough: through });
    expect(bad).toMatchObject({ state: 'quarantined', error: 'not a TOA5 file' });
    expect(s.sent).toEqual([firstId]);
    expect(fs.readFileSync(path.join(s.raw, 'log.dat'), 'utf8')).toBe('row1\nrow2\n');

    // Same size, new mtime (rewritten in place) is a change too.
    setMtime(file, today + 1000);
    expect(await s.run({ now: new Date(nowMs + 2000) })).toMatchObject({ changed: 1 });
  });

  it('takes only files modified in the lookback window (whole UTC days), or on one asked-for day', async () => {
    const s = await setup('window', 'webcam', { lookbackDays: 1 });
    writeSourceFile(s.root, 'today.jpg', 't', today);
    writeSourceFile(s.root, 'yesterday.jpg', 'y', yesterday);
    writeSourceFile(s.root, 'two-days.jpg', '2', dayStart - 1.5 * DAY_MS);
    writeSourceFile(s.root, 'old.jpg', 'o', dayStart - 9.5 * DAY_MS);

    expect(await s.run()).toMatchObject({ listed: 4, new: 2, outsideWindow: 2 });
    expect(filesBelow(s.raw)).toEqual(['today.jpg', 'yesterday.jpg']);

    const oldDay = new Date(dayStart - 9.5 * DAY_MS).toISOString().slice(0, 10);
    expect(await s.run({ date: oldDay })).toMatchObject({ new: 1, outsideWindow: 3 });
    expect(await s.run({ days: 30 })).toMatchObject({ new: 1, unchanged: 3, outsideWindow: 0 });
    expect(filesBelow(s.raw)).toEqual(['old.jpg', 'today.jpg', 'two-days.jpg', 'yesterday.jpg']);
  });

  it('leaves a file modified within minAge for the next sync (it may still be being written)', async () => {
    const s = await setup('settle', 'webcam', { minAge: 60 });
    writeSourceFile(s.root, 'writing.jpg', 'half', nowMs - 5_000);
    expect(await s.run()).toMatchObject({ listed: 1, settling: 1, new: 0 });
    expect(filesBelow(s.raw)).toEqual([]);
    expect(await ledgerRows(t.db, 'settle')).toEqual([]);
    expect(await s.run({ now: new Date(nowMs + 120_000) })).toMatchObject({ settling: 0, new: 1 });
  });

  it('flags a new file late when its mtime day is before the newest day with appended data', async () => {
    const s = await setup('late');
    writeSourceFile(s.root, 'first.dat', 'first', yesterday);
    expect(await s.run()).toMatchObject({ new: 1, late: 0 });
    // Nothing appended yet: an old file is not late.
    writeSourceFile(s.root, 'early.dat', 'early', yesterday - 1000);
    expect(await s.run()).toMatchObject({ new: 1, late: 0 });

    await t.db.update(files).set({ state: 'appended', dataEnd: new Date(today) }).where(sql`${files.relativePath} = 'first.dat'`);
    writeSourceFile(s.root, 'arrived-late.dat', 'late', yesterday + 1000);
    writeSourceFile(s.root, 'on-time.dat', 'on time', today);
    expect(await s.run()).toMatchObject({ new: 2, late: 1 });
    const late = Object.fromEntries((await ledgerRows(t.db, 'late')).map((r) => [r.relativePath, r.late]));
    expect(late).toEqual({ 'arrived-late.dat': true, 'early.dat': false, 'first.dat': false, 'on-time.dat': false });
  });

  it("matches the kind's default pattern, or the configured one, and never hidden files", async () => {
    const s = await setup('toa5', 'campbell-toa5');
    writeSourceFile(s.root, 'CR1000_Met.dat', 'x', today);
    writeSourceFile(s.root, 'notes.txt', 'x', today);
    writeSourceFile(s.root, '.CR1000_Met.dat.Xy12ab', 'rsync temp', today);
    writeSourceFile(s.root, 'sub/.hidden/old.dat', 'x', today);
    expect(await s.run()).toMatchObject({ listed: 1, new: 1 });
    expect(filesBelow(s.raw)).toEqual(['CR1000_Met.dat']);

    const c = await setup('custom', 'webcam', { pattern: 'Y*/**/*.{jpg,png}' });
    writeSourceFile(c.root, 'Y2026/M11/D21/a.jpg', 'x', today);
    writeSourceFile(c.root, 'Y2026/b.png', 'x', today);
    writeSourceFile(c.root, 'c.jpg', 'x', today);
    expect(await c.run()).toMatchObject({ listed: 2, new: 2 });
  });

  it('sends the append job again for a file still fetched long after its copy', async () => {
    const s = await setup('requeue');
    writeSourceFile(s.root, 'a.dat', 'a', today);
    await s.run();
    const [id] = s.sent;
    s.sent.length = 0;
    expect(await s.run()).toMatchObject({ unchanged: 1, requeued: 0 });
    await t.db.update(files).set({ fetchedAt: sql`now() - interval '1 hour'` }).where(sql`${files.id} = ${id}`);
    expect(await s.run()).toMatchObject({ unchanged: 1, requeued: 1 });
    expect(s.sent).toEqual([id]);
  });

  it('reports hostile names, skips symlinks, and writes nothing outside the raw store', async () => {
    const s = await setup('hostile');
    writeSourceFile(s.root, 'ok.dat', 'ok', today);
    writeSourceFile(s.root, 'line\nbreak.dat', 'x', today);
    writeSourceFile(s.root, 'dir\\..\\..\\up.dat', 'x', today);
    fs.writeFileSync(path.join(tmp, 'secret.dat'), 'secret');
    fs.symlinkSync(path.join(tmp, 'secret.dat'), path.join(s.root, 'secret-link.dat'));
    const result = await s.run();
    expect(result).toMatchObject({ listed: 1, new: 1, skipped: 1 });
    expect(result.errors).toHaveLength(2);
    expect(result.errors).toEqual(expect.arrayContaining([
      { relativePath: 'line\nbreak.dat', error: 'control character in the name' },
      { relativePath: 'dir\\..\\..\\up.dat', error: 'backslash in the name' },
    ]));
    expect(filesBelow(dataDir).filter((f) => f.startsWith('raw/hostile/') || !f.startsWith('raw/'))).toEqual(['raw/hostile/ok.dat']);
  });

  it('throws a clear error when the source folder is missing, ledgering nothing', async () => {
    const s = await setup('unmounted');
    fs.rmSync(s.root, { recursive: true });
    await expect(s.run()).rejects.toThrow(SourceUnavailableError);
    await expect(s.run()).rejects.toThrow(`source folder ${s.root} does not exist (is the disk mounted?)`);
    expect(await ledgerRows(t.db, 'unmounted')).toEqual([]);
  });
});
