// Mirroring the data store to a local folder: sync within the lookback, verify with a stored audit, the
// report, a legacy layout compared by basename, and what an interruption or a missing disk leaves behind.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getMirrorAudit } from '../../db/queries/mirrors';
import { mirrorRuns, outbox } from '../../db/schema';
import type { FieldopsConfig } from '../../lib/config/schema';
import { mirrorHops } from '../../lib/mirrors/hops';
import { emailMirrorReport, reportText, runMirrorReport } from '../../lib/mirrors/mirror-report';
import { openTree } from '../../lib/mirrors/open-tree';
import { syncMirror } from '../../lib/mirrors/sync';
import type { MirrorTree } from '../../lib/mirrors/tree';
import { verifyHop } from '../../lib/mirrors/verify';
import { SourceUnavailableError } from '../../lib/sources/types';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { allFilesBelow, HOUR_MS, mirrorCampaign, writeStore } from '../helpers/mirror-fixtures';

const DAY_MS = 86_400_000;
let t: TestDatabase;
let tmp: string;
let dataDir: string;
let archive: string;
let config: FieldopsConfig;
const hop = (id = 'archive') => mirrorHops(config, dataDir, id)[0]!;

beforeAll(async () => {
  t = await createTestDatabase();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldops-mirror-local-'));
  dataDir = path.join(tmp, 'data');
  archive = path.join(tmp, 'archive');
  config = await mirrorCampaign(t.db, [
    { id: 'archive', target: { path: archive }, include: ['raw', 'products'], lookbackDays: 30 },
    { id: 'legacy', target: { path: path.join(tmp, 'legacy') }, include: ['raw:cl61'] },
    { id: 'gone', target: { path: path.join(tmp, 'not-mounted') } },
  ], { reports: { mirrorVerify: { at: '09:00', to: ['ops@example.org'] } } });
});
afterAll(async () => {
  await t?.drop();
  fs.rmSync(tmp, { recursive: true, force: true });
});
beforeEach(() => {
  for (const dir of [dataDir, archive, path.join(tmp, 'legacy')]) fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(archive, { recursive: true });
  writeStore(dataDir, {
    'raw/cl61/Y2026/M11/D21/cl61_a.nc': 'a',
    'raw/cl61/Y2026/M11/D21/cl61_b.nc': 'bb',
    'raw/asfs/asfs_1.dat': 'ccc',
    'raw/cl61/.cl61_c.nc.x.fieldops-partial': 'half a fetch in progress',
    'products/quicklooks/cl61/2026-11-21.png': 'png',
    // Older than the lookback, and than the verify window (this month and last month).
    'raw/cl61/old.nc': { content: 'old', mtimeMs: Date.now() - 70 * DAY_MS },
  });
});

describe('mirror-sync to a local folder', () => {
  it('copies new files within the lookback with their mtimes, records the run, and copies nothing the second time', async () => {
    const first = await syncMirror({ db: t.db, hop: hop() });
    expect(first).toMatchObject({ listed: 5, inWindow: 4, copiedNew: 4, copiedChanged: 0, unchanged: 0, errors: [] });
    expect(allFilesBelow(archive)).toEqual(['products/quicklooks/cl61/2026-11-21.png', 'raw/asfs/asfs_1.dat', 'raw/cl61/Y2026/M11/D21/cl61_a.nc', 'raw/cl61/Y2026/M11/D21/cl61_b.nc']);
    const source = fs.statSync(path.join(dataDir, 'raw/asfs/asfs_1.dat'));
    expect(Math.round(fs.statSync(path.join(archive, 'raw/asfs/asfs_1.dat')).mtimeMs)).toBe(Math.round(source.mtimeMs));

    const second = await syncMirror({ db: t.db, hop: hop() });
    expect(second).toMatchObject({ copiedNew: 0, copiedChanged: 0, unchanged: 4 });
    const runs = await t.db.select().from(mirrorRuns).where(eq(mirrorRuns.id, first.runId));
    expect(runs[0]).toMatchObject({ outcome: 'succeeded', filesCopied: 4, bytesCopied: 9, error: null });
    expect((await syncMirror({ db: t.db, hop: hop(), days: 80 })).copiedNew).toBe(1); // old.nc, with a longer lookback
  });

  it('copies a file again when it grew at the source, and never deletes on the target', async () => {
    await syncMirror({ db: t.db, hop: hop() });
    writeStore(dataDir, { 'raw/asfs/asfs_1.dat': 'cccdd' });
    fs.rmSync(path.join(dataDir, 'raw/cl61/Y2026/M11/D21/cl61_a.nc'));
    expect(await syncMirror({ db: t.db, hop: hop() })).toMatchObject({ copiedNew: 0, copiedChanged: 1 });
    expect(fs.readFileSync(path.join(archive, 'raw/asfs/asfs_1.dat'), 'utf8')).toBe('cccdd');
    expect(fs.existsSync(path.join(archive, 'raw/cl61/Y2026/M11/D21/cl61_a.nc'))).toBe(true);
  });

  it('takes one instrument or one day on request', async () => {
    expect((await syncMirror({ db: t.db, hop: hop(), instrument: 'asfs' })).copiedNew).toBe(1);
    const day = new Date(Date.now() - 70 * DAY_MS).toISOString().slice(0, 10);
    expect((await syncMirror({ db: t.db, hop: hop(), date: day })).copiedNew).toBe(1);
    expect(allFilesBelow(archive)).toEqual(['raw/asfs/asfs_1.dat', 'raw/cl61/old.nc']);
  });
});

describe('mirror-verify and the report', () => {
  it('reports a file removed on the target, per instrument and day, until a sync puts it back', async () => {
    await syncMirror({ db: t.db, hop: hop() });
    const clean = await verifyHop({ db: t.db, hop: hop() });
    expect(clean.totals).toMatchObject({ outcome: 'ok', missingOnTarget: 0, missingOnSource: 0, sourceCount: 4, targetCount: 4 });

    fs.rmSync(path.join(archive, 'raw/cl61/Y2026/M11/D21/cl61_b.nc'));
    writeStore(archive, { 'raw/cl61/stray.nc': 'x' });
    const report = await runMirrorReport({ db: t.db, config, dataDir, mirrorId: 'archive' });
    const audit = await getMirrorAudit(t.db, report.verifications[0]!.auditId);
    expect(audit!.audit).toMatchObject({ outcome: 'missing', missingOnTarget: 1, missingOnSource: 1, finishedAt: expect.any(Date) });
    const today = new Date(Date.now() - HOUR_MS).toISOString().slice(0, 10);
    expect(audit!.items.map((i) => [i.status, i.relativePath, i.instrument])).toEqual([
      ['missing_on_target', 'raw/cl61/Y2026/M11/D21/cl61_b.nc', 'cl61'],
      ['missing_on_source', 'raw/cl61/stray.nc', 'cl61'],
    ]);
    const text = reportText(config, report);
    expect(text).toContain(`FILES ON ${path.resolve(dataDir)} THAT ARE NOT ON ${archive}\nraw/cl61/Y2026/M11/D21/cl61_b.nc\n`);
    expect(text).toContain(`FILES ON ${archive} THAT ARE NOT ON ${path.resolve(dataDir)}\nraw/cl61/stray.nc\n`);
    expect(text).toMatch(new RegExp(`cl61  ${today}\\s+1 / 1 / 0`));

    await syncMirror({ db: t.db, hop: hop() });
    const after = reportText(config, await runMirrorReport({ db: t.db, config, dataDir, mirrorId: 'archive' }));
    expect(after).toContain(`THAT ARE NOT ON ${archive}\nNone\n`);
    expect(after).not.toContain('cl61_b.nc');
  });

  it('compares by basename across layouts: dated folders in the store against a flat legacy archive', async () => {
    // The legacy copies were made without keeping mtimes, months later.
    writeStore(path.join(tmp, 'legacy'), {
      'raw/cl61/cl61_a.nc': 'a', 'raw/cl61/cl61_b.nc': { content: 'bb', mtimeMs: Date.now() + DAY_MS },
    });
    expect((await verifyHop({ db: t.db, hop: hop('legacy') })).totals).toMatchObject({ outcome: 'ok', sourceCount: 2 });
    expect(await syncMirror({ db: t.db, hop: hop('legacy') })).toMatchObject({ copiedNew: 0, unchanged: 2 });
    const byPath = { ...hop('legacy'), mirror: { ...hop('legacy').mirror, compareBy: 'path' as const } };
    expect((await verifyHop({ db: t.db, hop: byPath })).totals).toMatchObject({ outcome: 'missing', missingOnTarget: 2, missingOnSource: 1 });
  });

  it('an unreachable target gives a failed audit with the reason, and a report that says so instead of None', async () => {
    const { totals, auditId } = await verifyHop({ db: t.db, hop: hop('gone') });
    expect(totals).toMatchObject({ outcome: 'failed', missingOnTarget: 0 });
    expect(totals.error).toContain(`${path.join(tmp, 'not-mounted')} does not exist (is the disk mounted?)`);
    expect((await getMirrorAudit(t.db, auditId))!.audit.outcome).toBe('failed');
    const text = reportText(config, await runMirrorReport({ db: t.db, config, dataDir, mirrorId: 'gone' }));
    expect(text).toContain('VERIFICATION FAILED: ');
    expect(text).toContain('Not known: the verification failed');
    expect(text).not.toContain('None');
    await expect(syncMirror({ db: t.db, hop: hop('gone') })).rejects.toThrow(SourceUnavailableError);
  });

  it('queues the daily email in the outbox once per day, with the full lists as a CSV attachment', async () => {
    await syncMirror({ db: t.db, hop: hop() });
    fs.rmSync(path.join(archive, 'raw/asfs/asfs_1.dat'));
    const now = new Date();
    const emailed = await emailMirrorReport({ db: t.db, config, dataDir, now });
    expect(emailed!.queued).toBe(true);
    const [row] = await t.db.select().from(outbox);
    expect(row).toMatchObject({ kind: 'report', toAddresses: ['ops@example.org'], state: 'pending', subject: expect.stringMatching(/mirror verification FAILED for .*gone/) });
    expect(row!.textBody).toContain(`THAT ARE NOT ON ${archive}\nraw/asfs/asfs_1.dat\n`);
    const csv = fs.readFileSync(row!.attachments[0]!.path, 'utf8');
    expect(csv.split('\r\n')[0]).toBe('mirror,source,target,status,relative_path,basename,instrument,day,source_size,target_size,note');
    expect(csv).toContain(`archive,${path.resolve(dataDir)},${archive},missing_on_target,raw/asfs/asfs_1.dat,asfs_1.dat,asfs,`);
    expect(csv).toMatch(/gone,.*,verification_failed,.*does not exist/);
    // A retried job the same day queues nothing more.
    expect((await emailMirrorReport({ db: t.db, config, dataDir, now }))!.queued).toBe(false);
    expect(await t.db.select().from(outbox)).toHaveLength(1);
  });
});

describe('an interrupted sync', () => {
  /** The store, except that reading `failing` breaks off after its first byte, like a lost link or a kill. */
  const breakingStore = (failing: string) => (spec: { path: string }): MirrorTree => {
    const tree = openTree(spec);
    if (path.resolve(spec.path) !== path.resolve(dataDir)) return tree;
    return Object.assign(Object.create(Object.getPrototypeOf(tree) as object) as MirrorTree, tree, {
      openRead: async (relativePath: string, size: number) => {
        if (relativePath !== failing) return tree.openRead(relativePath, size);
        return Readable.from((async function* () {
          yield Buffer.from('b');
          throw new Error('connection lost');
        })());
      },
    });
  };

  it('leaves no partial file under its final name (nor a temporary one), and the next run completes it', async () => {
    const failing = 'raw/cl61/Y2026/M11/D21/cl61_b.nc';
    const broken = await syncMirror({ db: t.db, hop: hop(), openTree: breakingStore(failing) });
    expect(broken.errors).toEqual([{ relativePath: failing, error: 'connection lost' }]);
    expect(allFilesBelow(archive)).not.toContain(failing);
    expect(allFilesBelow(archive).filter((f) => f.includes('fieldops-partial'))).toEqual([]);
    expect((await t.db.select().from(mirrorRuns).where(eq(mirrorRuns.id, broken.runId)))[0]).toMatchObject({ outcome: 'failed', error: expect.stringContaining('connection lost') });

    // A process killed mid-copy leaves its temporary file: verify does not count it, the next sync replaces it.
    writeStore(archive, { 'raw/cl61/Y2026/M11/D21/.cl61_b.nc.fieldops-partial': 'b' });
    expect((await verifyHop({ db: t.db, hop: hop() })).totals).toMatchObject({ outcome: 'missing', missingOnTarget: 1, missingOnSource: 0 });
    expect(await syncMirror({ db: t.db, hop: hop() })).toMatchObject({ copiedNew: 1, unchanged: 3, errors: [] });
    expect(fs.readFileSync(path.join(archive, failing), 'utf8')).toBe('bb');
    expect(allFilesBelow(archive).filter((f) => f.includes('fieldops-partial'))).toEqual([]);
  });

  it('stops between files when asked and resumes where it stopped', async () => {
    writeStore(dataDir, Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`raw/asfs/more_${i}.dat`, `${i}`])));
    const abort = new AbortController();
    const stopped = await syncMirror({ db: t.db, hop: hop(), signal: abort.signal, onProgress: (p) => p.filesDone >= 1 && abort.abort() });
    expect(stopped.cancelled).toBe(true);
    expect(stopped.copiedNew).toBeLessThan(16);
    expect((await t.db.select().from(mirrorRuns).where(eq(mirrorRuns.id, stopped.runId)))[0]!.outcome).toBe('cancelled');
    const resumed = await syncMirror({ db: t.db, hop: hop() });
    expect(resumed.copiedNew + resumed.unchanged).toBe(16);
    expect(resumed.unchanged).toBe(stopped.copiedNew);
  });
});
