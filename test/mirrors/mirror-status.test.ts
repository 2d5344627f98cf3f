// The mirror pages' reads over real verifications of real folders: the coverage grid (files present /
// files expected per instrument and day), items page by page and as a stream, the history of missing
// counts, and each mirror's newest audit and run.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  getAuditCoverage,
  listMirrorAuditHistory,
  listMirrorAuditItems,
  listMirrorOverviews,
  streamMirrorAuditItems,
} from '../../db/queries/mirror-status';
import type { FieldopsConfig } from '../../lib/config/schema';
import { mirrorHops } from '../../lib/mirrors/hops';
import { syncMirror } from '../../lib/mirrors/sync';
import { verifyHop } from '../../lib/mirrors/verify';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { mirrorCampaign, writeStore } from '../helpers/mirror-fixtures';

const DAY1 = Date.UTC(2026, 10, 20, 12);
const DAY2 = Date.UTC(2026, 10, 21, 6);
const WINDOW = { start: '2026-11-01', end: '2026-11-21' };
let t: TestDatabase;
let tmp: string;
let dataDir: string;
let archive: string;
let config: FieldopsConfig;
const hop = (id: string) => mirrorHops(config, dataDir, id)[0]!;

beforeAll(async () => {
  t = await createTestDatabase();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldops-mirror-status-'));
  dataDir = path.join(tmp, 'data');
  archive = path.join(tmp, 'archive');
  config = await mirrorCampaign(t.db, [
    { id: 'archive', target: { path: archive }, include: ['raw', 'products'] },
    // Named to sort before its source: the pages still list the upstream hop first.
    { id: 'a-tape', source: 'archive', target: { path: path.join(tmp, 'tape') }, include: ['raw'] },
  ]);
  const at = (mtimeMs: number) => (content: string) => ({ content, mtimeMs });
  writeStore(dataDir, {
    'raw/cl61/2026/11/20/a.nc': at(DAY1)('a'), 'raw/cl61/2026/11/20/b.nc': at(DAY1)('b'),
    'raw/cl61/2026/11/20/c.nc': at(DAY1)('c'), 'raw/cl61/2026/11/20/d.nc': at(DAY1)('d'),
    'raw/cl61/2026/11/21/e.nc': at(DAY2)('e'), 'raw/cl61/2026/11/21/f.nc': at(DAY2)('f'),
    'raw/asfs/asfs_20261121.dat': at(DAY2)('x'),
    'products/quicklooks/cl61/2026-11-21.png': at(DAY2)('png'),
    'products/summary.csv': at(DAY2)('no instrument: not in the grid'),
  });
  // The archive holds a flat copy of some of it (compared by basename), plus one file the store lacks.
  writeStore(archive, {
    'raw/cl61/a.nc': at(DAY1)('a'), 'raw/cl61/c.nc': at(DAY1)('c'), 'raw/cl61/e.nc': at(DAY2)('e'),
    'raw/asfs/asfs_20261121.dat': at(DAY2)('x'), 'raw/asfs/stray.dat': at(DAY2)('only here'),
  });
});
afterAll(async () => {
  await t?.drop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('mirror status queries', () => {
  it('the coverage grid counts expected and present files per instrument and day of a real verify', async () => {
    const { auditId, totals } = await verifyHop({ db: t.db, hop: hop('archive'), window: WINDOW });
    expect(totals).toMatchObject({ outcome: 'missing', missingOnTarget: 5, missingOnSource: 1, differs: 0 });
    expect(await getAuditCoverage(t.db, auditId)).toEqual([
      { instrument: 'asfs', day: '2026-11-21', expected: 1, present: 1 },
      { instrument: 'cl61', day: '2026-11-20', expected: 4, present: 2 },
      // Two raw files and the quicklook, which belongs to cl61 too; one of the three is on the archive.
      { instrument: 'cl61', day: '2026-11-21', expected: 3, present: 1 },
    ]);
  });

  it('lists an audit\'s items page by page, by status, and streams them all', async () => {
    const { auditId } = await verifyHop({ db: t.db, hop: hop('archive'), window: WINDOW });
    const first = await listMirrorAuditItems(t.db, auditId, { limit: 4 });
    expect(first.total).toBe(6);
    expect(first.items.map((i) => i.relativePath)).toEqual([
      'products/quicklooks/cl61/2026-11-21.png', 'products/summary.csv', 'raw/cl61/2026/11/20/b.nc', 'raw/cl61/2026/11/20/d.nc',
    ]);
    const rest = await listMirrorAuditItems(t.db, auditId, { limit: 4, offset: 4 });
    expect(rest.items.map((i) => [i.status, i.relativePath])).toEqual([
      ['missing_on_target', 'raw/cl61/2026/11/21/f.nc'],
      ['missing_on_source', 'raw/asfs/stray.dat'],
    ]);
    const onSource = await listMirrorAuditItems(t.db, auditId, { status: 'missing_on_source', limit: 10 });
    expect(onSource).toMatchObject({ total: 1, items: [{ basename: 'stray.dat', instrument: 'asfs', sourceSize: null, targetSize: 9 }] });
    const streamed: string[] = [];
    for await (const batch of streamMirrorAuditItems(t.db, auditId, 3)) streamed.push(...batch.map((i) => i.relativePath));
    expect(streamed.sort()).toEqual([...first.items, ...rest.items].map((i) => i.relativePath).sort());
  });

  it('keeps the history of missing counts, oldest first, and each mirror\'s newest audit and run', async () => {
    await syncMirror({ db: t.db, hop: hop('archive') });
    const after = await verifyHop({ db: t.db, hop: hop('archive'), window: WINDOW });
    expect(after.totals).toMatchObject({ missingOnTarget: 0, missingOnSource: 1 });
    expect(await getAuditCoverage(t.db, after.auditId)).toEqual([
      { instrument: 'asfs', day: '2026-11-21', expected: 1, present: 1 },
      { instrument: 'cl61', day: '2026-11-20', expected: 4, present: 4 },
      { instrument: 'cl61', day: '2026-11-21', expected: 3, present: 3 },
    ]);
    const history = await listMirrorAuditHistory(t.db, 'archive');
    expect(history.map((h) => [h.missingOnTarget, h.missingOnSource])).toEqual([[5, 1], [5, 1], [0, 1]]);
    expect(history.at(-1)!.auditId).toBe(after.auditId);
    expect(await listMirrorAuditHistory(t.db, 'archive', 2)).toEqual(history.slice(1));

    const overviews = await listMirrorOverviews(t.db);
    expect(overviews.map((o) => [o.mirror.id, o.mirror.sourceId, o.latestAudit?.id ?? null, o.latestRun?.outcome ?? null])).toEqual([
      ['archive', null, after.auditId, 'succeeded'],
      ['a-tape', 'archive', null, null],
    ]);
  });
});
