// A chain of two hops through a real SFTP server on loopback: the store → `remote` (SFTP, key auth) →
// `cold` (a local folder fed from the SFTP side). Each hop is synced and verified on its own; permission
// errors and an unreachable server give failed audits with the reason.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FieldopsConfig } from '../../lib/config/schema';
import { mirrorHops } from '../../lib/mirrors/hops';
import { reportText, runMirrorReport } from '../../lib/mirrors/mirror-report';
import { syncMirror } from '../../lib/mirrors/sync';
import { verifyHop } from '../../lib/mirrors/verify';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { allFilesBelow, mirrorCampaign, writeStore } from '../helpers/mirror-fixtures';
import { closedPort, startSftpServer, type TestSftpServer } from '../helpers/sftp-server';

let t: TestDatabase;
let tmp: string;
let dataDir: string;
let served: string;
let cold: string;
let server: TestSftpServer;
let config: FieldopsConfig;
const hop = (id: string) => mirrorHops(config, dataDir, id)[0]!;
const syncAll = async () => {
  for (const h of mirrorHops(config, dataDir).filter((x) => x.mirror.id !== 'down')) await syncMirror({ db: t.db, hop: h });
};

beforeAll(async () => {
  t = await createTestDatabase();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldops-mirror-sftp-'));
  dataDir = path.join(tmp, 'data');
  served = path.join(tmp, 'served');
  cold = path.join(tmp, 'cold');
  fs.mkdirSync(path.join(served, 'remote'), { recursive: true });
  fs.mkdirSync(cold);
  fs.mkdirSync(path.join(tmp, 'keys'));
  server = await startSftpServer(served, path.join(tmp, 'keys'), { writable: true });
  const key = { identityFile: server.identityFile, hostKey: server.hostKey };
  config = await mirrorCampaign(t.db, [
    // Listed downstream first: hops are ordered by the chain, not by the config.
    { id: 'cold', source: 'remote', target: { path: cold }, include: ['raw'], compareBy: 'path' },
    { id: 'remote', target: { path: server.url('/remote'), ...key }, include: ['raw', 'products'] },
    { id: 'down', target: { path: `sftp://fieldops@127.0.0.1:${await closedPort()}/remote`, ...key } },
  ]);
  writeStore(dataDir, {
    'raw/cl61/Y2026/M11/D21/cl61_a.nc': 'a'.repeat(100_000),
    'raw/asfs/asfs_1.dat': 'asfs one',
    'raw/asfs/asfs_2.dat': 'asfs two',
    'products/quicklooks/cl61/2026-11-21.png': 'png',
  });
});
afterAll(async () => {
  await server?.close();
  await t?.drop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('a chain of two hops over SFTP', () => {
  it('syncs upstream first, keeps mtimes (whole seconds on SFTP), and verifies each hop', async () => {
    expect(mirrorHops(config, dataDir).map((h) => `${h.source.name} -> ${h.mirror.id}`)).toEqual(['data store -> remote', 'data store -> down', 'remote -> cold']);
    await syncAll();
    expect(allFilesBelow(path.join(served, 'remote'))).toEqual(['products/quicklooks/cl61/2026-11-21.png', 'raw/asfs/asfs_1.dat', 'raw/asfs/asfs_2.dat', 'raw/cl61/Y2026/M11/D21/cl61_a.nc']);
    expect(allFilesBelow(cold)).toEqual(['raw/asfs/asfs_1.dat', 'raw/asfs/asfs_2.dat', 'raw/cl61/Y2026/M11/D21/cl61_a.nc']);
    expect(fs.readFileSync(path.join(cold, 'raw/cl61/Y2026/M11/D21/cl61_a.nc'), 'utf8')).toBe('a'.repeat(100_000));
    const storeMtime = fs.statSync(path.join(dataDir, 'raw/asfs/asfs_1.dat')).mtimeMs;
    expect(fs.statSync(path.join(served, 'remote/raw/asfs/asfs_1.dat')).mtimeMs).toBe(Math.floor(storeMtime / 1000) * 1000);

    for (const id of ['remote', 'cold']) expect((await verifyHop({ db: t.db, hop: hop(id) })).totals).toMatchObject({ outcome: 'ok', missingOnTarget: 0 });
    // A second pass finds everything equal, across the seconds-only mtimes of SFTP.
    expect(await syncMirror({ db: t.db, hop: hop('remote') })).toMatchObject({ copiedNew: 0, copiedChanged: 0, unchanged: 4 });
    expect(await syncMirror({ db: t.db, hop: hop('cold') })).toMatchObject({ copiedNew: 0, copiedChanged: 0, unchanged: 3 });
  });

  it('a file removed on the SFTP target is reported on both hops it affects, and a sync of the hop restores it', async () => {
    fs.rmSync(path.join(served, 'remote/raw/asfs/asfs_2.dat'));
    const report = await runMirrorReport({ db: t.db, config, dataDir });
    const text = reportText(config, report);
    expect(text).toContain(`FILES ON ${path.resolve(dataDir)} THAT ARE NOT ON ${server.url('/remote')}\nraw/asfs/asfs_2.dat\n`);
    expect(text).toContain(`FILES ON ${cold} THAT ARE NOT ON ${server.url('/remote')}\nraw/asfs/asfs_2.dat\n`);
    await syncMirror({ db: t.db, hop: hop('remote') });
    for (const id of ['remote', 'cold']) expect((await verifyHop({ db: t.db, hop: hop(id) })).totals.outcome).toBe('ok');
  });

  it('replaces a changed file on a server without posix-rename, and removes nothing but its own hidden files', async () => {
    writeStore(dataDir, { 'raw/asfs/asfs_1.dat': 'asfs one, and more' });
    expect(await syncMirror({ db: t.db, hop: hop('remote') })).toMatchObject({ copiedChanged: 1, errors: [] });
    expect(fs.readFileSync(path.join(served, 'remote/raw/asfs/asfs_1.dat'), 'utf8')).toBe('asfs one, and more');
    expect(await syncMirror({ db: t.db, hop: hop('cold') })).toMatchObject({ copiedChanged: 1 });
    const removals = server.mutations.filter((m) => m.startsWith('remove '));
    expect(removals.length).toBeGreaterThan(0);
    for (const removal of removals) expect(path.posix.basename(removal)).toMatch(/^\..*\.fieldops-(partial|replaced)$/);
    expect(allFilesBelow(path.join(served, 'remote')).filter((f) => f.includes('/.'))).toEqual([]);
  });

  it('a folder it may not read makes the audit fail with the reason, and the sync report it', async () => {
    server.faults.deniedFolders = ['/remote/raw/asfs'];
    try {
      const { totals } = await verifyHop({ db: t.db, hop: hop('remote') });
      expect(totals.outcome).toBe('failed');
      expect(totals.error).toMatch(/cannot read raw\/asfs on sftp:\/\/fieldops@127\.0\.0\.1:\d+\/remote: .*Permission denied/);
      writeStore(dataDir, { 'raw/asfs/asfs_3.dat': 'three' });
      const sync = await syncMirror({ db: t.db, hop: hop('remote') });
      // Nothing is written into a folder whose contents are unknown; the folder is the one error.
      expect(sync).toMatchObject({ copiedNew: 0, copiedChanged: 0, errors: [{ relativePath: 'raw/asfs', error: expect.stringContaining('Permission denied') }] });
      const text = reportText(config, await runMirrorReport({ db: t.db, config, dataDir, mirrorId: 'remote' }));
      expect(text).toContain('VERIFICATION FAILED: cannot read raw/asfs');
    } finally {
      server.faults.deniedFolders = [];
    }
    expect(await syncMirror({ db: t.db, hop: hop('remote') })).toMatchObject({ copiedNew: 1, errors: [] });
  });

  it('an unreachable server gives a failed audit naming the problem, never an empty all-good', async () => {
    const { totals } = await verifyHop({ db: t.db, hop: hop('down') });
    expect(totals).toMatchObject({ outcome: 'failed', sourceCount: 0, targetCount: 0 });
    expect(totals.error).toMatch(/cannot connect: ECONNREFUSED/);
    await expect(syncMirror({ db: t.db, hop: hop('down') })).rejects.toThrow(/ECONNREFUSED/);
  });
});
