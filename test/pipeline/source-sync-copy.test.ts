// The copy itself: verification against the listing, never a partial file under its final name, and the
// whole stage over a real SFTP server on loopback (key auth, read errors, hostile names, unreachable host).
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncInstrumentSource, type SyncOptions } from '../../lib/pipeline/source-sync';
import { LocalFolderSource } from '../../lib/sources/local-folder';
import { SourceUnavailableError, type Source } from '../../lib/sources/types';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { closedPort, startSftpServer, type TestSftpServer } from '../helpers/sftp-server';
import { addInstrument, DAY_MS, filesBelow, instrumentConfig, ledgerRows, setMtime, writeSourceFile } from '../helpers/source-files';

let t: TestDatabase;
let tmp: string;
let dataDir: string;
let server: TestSftpServer;
let served: string;
const nowMs = Date.now();
const dayStart = Math.floor(nowMs / DAY_MS) * DAY_MS;
const today = dayStart + Math.floor((nowMs - dayStart) / 2);
const sha256 = (data: string | Buffer) => crypto.createHash('sha256').update(data).digest('hex');

beforeAll(async () => {
  t = await createTestDatabase();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldops-source-copy-'));
  dataDir = path.join(tmp, 'data');
  served = path.join(tmp, 'served');
  fs.mkdirSync(path.join(tmp, 'keys'));
  fs.mkdirSync(served);
  server = await startSftpServer(served, path.join(tmp, 'keys'));
});
afterAll(async () => {
  await server?.close();
  await t?.drop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** A local folder whose file is changed by `meddle` right before its bytes are read (after the listing). */
class MeddlingSource implements Source {
  private readonly inner: LocalFolderSource;
  readonly description: string;
  constructor(private readonly root: string, private readonly meddle: (file: string) => void) {
    this.inner = new LocalFolderSource(root);
    this.description = this.inner.description;
  }
  list() { return this.inner.list(); }
  stat(relativePath: string) { return this.inner.stat(relativePath); }
  async openRead(relativePath: string) {
    this.meddle(path.join(this.root, relativePath));
    return this.inner.openRead(relativePath);
  }
  close() { return this.inner.close(); }
}

async function localInstrument(id: string) {
  await addInstrument(t.db, id, 'campbell-dataquery');
  const root = path.join(tmp, 'sources', id);
  fs.mkdirSync(root, { recursive: true });
  const run = (extra: Partial<SyncOptions> = {}) =>
    syncInstrumentSource({ db: t.db, dataDir, now: new Date(nowMs), instrument: instrumentConfig(id, 'campbell-dataquery', { path: root }), ...extra });
  return { root, raw: path.join(dataDir, 'raw', id), run };
}

describe('source-sync copy verification', () => {
  it('refuses a copy when the file grows between listing and copy, and takes it at the next sync', async () => {
    const s = await localInstrument('grows-mid-copy');
    writeSourceFile(s.root, 'a.dat', 'first part\n', today);
    const result = await s.run({ source: new MeddlingSource(s.root, (f) => {
      fs.appendFileSync(f, 'more\n');
      setMtime(f, today + 1000);
    }) });
    expect(result).toMatchObject({ new: 0, errors: [{ relativePath: 'a.dat', error: expect.stringMatching(/read 16 bytes where the listing said 11: the file changed during the copy/) }] });
    expect(filesBelow(s.raw)).toEqual([]);
    expect(await ledgerRows(t.db, 'grows-mid-copy')).toMatchObject([{ relativePath: 'a.dat', state: 'discovered', sha256: null, error: expect.stringContaining('changed during the copy') }]);

    expect(await s.run()).toMatchObject({ new: 1, errors: [] });
    expect(await ledgerRows(t.db, 'grows-mid-copy')).toMatchObject([{ state: 'fetched', size: 16, sha256: sha256('first part\nmore\n'), error: null }]);
  });

  it('notices a same-size rewrite during the copy by the mtime, and keeps the last good copy', async () => {
    const s = await localInstrument('rewritten');
    const file = writeSourceFile(s.root, 'b.dat', 'version-1', today - 10_000);
    await s.run();
    fs.writeFileSync(file, 'version-2');
    setMtime(file, today - 5_000);
    const rewrite = (f: string) => {
      fs.writeFileSync(f, 'version-3');
      setMtime(f, today);
    };
    const result = await s.run({ source: new MeddlingSource(s.root, rewrite) });
    expect(result.errors).toEqual([{ relativePath: 'b.dat', error: expect.stringMatching(/the file changed during the copy \(size 9 → 9, mtime/) }]);
    // The last verified copy and its ledger row stay as they were; only the error is recorded.
    expect(fs.readFileSync(path.join(s.raw, 'b.dat'), 'utf8')).toBe('version-1');
    expect(filesBelow(s.raw)).toEqual(['b.dat']);
    expect(await ledgerRows(t.db, 'rewritten')).toMatchObject([{ state: 'fetched', sha256: sha256('version-1'), mtime: new Date(today - 10_000), error: expect.stringContaining('changed during the copy') }]);

    expect(await s.run()).toMatchObject({ changed: 1, errors: [] });
    expect(fs.readFileSync(path.join(s.raw, 'b.dat'), 'utf8')).toBe('version-3');
  });
});

describe('source-sync over SFTP (ssh2 server on loopback, key authentication)', () => {
  async function sftpInstrument(id: string, folder: string) {
    await addInstrument(t.db, id, 'campbell-dataquery');
    fs.mkdirSync(path.join(served, folder), { recursive: true });
    const source = { path: server.url(`/${folder}`), identityFile: server.identityFile, hostKey: server.hostKey };
    const sent: number[] = [];
    const run = () => syncInstrumentSource({
      db: t.db, dataDir, now: new Date(nowMs), instrument: instrumentConfig(id, 'campbell-dataquery', source), enqueueAppend: async (fileId) => void sent.push(fileId),
    });
    return { root: path.join(served, folder), raw: path.join(dataDir, 'raw', id), sent, run };
  }

  it('lists and fetches dated and flat files, verified, and never changes anything on the server', async () => {
    const s = await sftpInstrument('remote', 'remote');
    const big = crypto.randomBytes(1_000_003);
    writeSourceFile(s.root, 'Y2026/M11/D21/big.nc', big, today - 3_000);
    writeSourceFile(s.root, 'flat.dat', 'flat', today - 2_000);
    expect(await s.run()).toMatchObject({ listed: 2, new: 2, errors: [] });
    expect(fs.readFileSync(path.join(s.raw, 'Y2026/M11/D21/big.nc')).equals(big)).toBe(true);
    const rows = await ledgerRows(t.db, 'remote');
    // SFTP (v3) carries whole seconds.
    expect(rows).toMatchObject([
      { relativePath: 'Y2026/M11/D21/big.nc', size: big.length, sha256: sha256(big), state: 'fetched', mtime: new Date(Math.floor((today - 3_000) / 1000) * 1000) },
      { relativePath: 'flat.dat', size: 4, sha256: sha256('flat'), state: 'fetched' },
    ]);
    expect(s.sent.sort()).toEqual(rows.map((r) => r.id).sort());
    expect(await s.run()).toMatchObject({ new: 0, unchanged: 2 });
    expect(filesBelow(s.root)).toEqual(['Y2026/M11/D21/big.nc', 'flat.dat']);
    expect(server.mutations).toEqual([]);
  });

  it('leaves no partial file when the server fails a read mid-file, and fetches it once the server recovers', async () => {
    const s = await sftpInstrument('interrupted', 'interrupted');
    const content = crypto.randomBytes(300_000);
    writeSourceFile(s.root, 'big.nc', content, today);
    server.faults.failReadAt = { path: '/interrupted/big.nc', offset: 100_000 };
    try {
      const result = await s.run();
      expect(result).toMatchObject({ new: 0, errors: [{ relativePath: 'big.nc', error: expect.stringContaining('simulated read error') }] });
      expect(filesBelow(s.raw)).toEqual([]);
      expect(await ledgerRows(t.db, 'interrupted')).toMatchObject([{ state: 'discovered', sha256: null }]);
    } finally {
      server.faults.failReadAt = undefined;
    }
    expect(await s.run()).toMatchObject({ new: 1, errors: [] });
    expect(fs.readFileSync(path.join(s.raw, 'big.nc')).equals(content)).toBe(true);
  });

  it('refuses hostile names from the server and writes nothing outside the raw store', async () => {
    const s = await sftpInstrument('evil', 'evil');
    writeSourceFile(s.root, 'ok.dat', 'ok', today);
    server.faults.hostileNames = { folder: '/evil', names: ['../../../escape.dat', '/tmp/escape.dat', '..\\escape.dat'] };
    try {
      const result = await s.run();
      expect(result).toMatchObject({ listed: 1, new: 1 });
      expect(result.errors.map((e) => e.relativePath).sort()).toEqual(['../../../escape.dat', '/tmp/escape.dat', '..\\escape.dat'].sort());
    } finally {
      server.faults.hostileNames = undefined;
    }
    expect(filesBelow(tmp).filter((f) => f.includes('escape'))).toEqual([]);
    expect(filesBelow(s.raw)).toEqual(['ok.dat']);
    expect((await ledgerRows(t.db, 'evil')).map((r) => r.relativePath)).toEqual(['ok.dat']);
  });

  it('fails the sync with the host and the reason when the server is unreachable', async () => {
    await addInstrument(t.db, 'offline', 'campbell-dataquery');
    const port = await closedPort();
    const source = { path: `sftp://fieldops@127.0.0.1:${port}/data`, identityFile: server.identityFile };
    const sync = syncInstrumentSource({ db: t.db, dataDir, instrument: instrumentConfig('offline', 'campbell-dataquery', source) });
    await expect(sync).rejects.toThrow(SourceUnavailableError);
    await expect(sync).rejects.toThrow(`sftp://fieldops@127.0.0.1:${port}/data: cannot connect: ECONNREFUSED`);
    expect(await ledgerRows(t.db, 'offline')).toEqual([]);
  });
});
