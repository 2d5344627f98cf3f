import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buffer } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSource, type SourceConfig } from '../../lib/sources/open';
import { SourceUnavailableError } from '../../lib/sources/types';
import { closedPort, startSftpServer, type TestSftpServer } from '../helpers/sftp-server';

let tmp: string;
let served: string;
let server: TestSftpServer;
// Several chunks' worth and not a multiple of the chunk size, so pipelined reads and the short tail are used.
const big = crypto.randomBytes(1_300_001);

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldops-sftp-source-'));
  served = path.join(tmp, 'served');
  fs.mkdirSync(path.join(served, 'data/Y2026/M11/D21'), { recursive: true });
  fs.writeFileSync(path.join(served, 'data/Y2026/M11/D21/big.nc'), big);
  fs.writeFileSync(path.join(served, 'data/flat.dat'), 'flat');
  fs.writeFileSync(path.join(served, 'data/empty.dat'), '');
  fs.utimesSync(path.join(served, 'data/flat.dat'), new Date('2026-11-21T10:00:07Z'), new Date('2026-11-21T10:00:07Z'));
  fs.symlinkSync('/etc/hostname', path.join(served, 'data/link.dat'));
  fs.mkdirSync(path.join(tmp, 'keys'));
  server = await startSftpServer(served, path.join(tmp, 'keys'));
});
afterAll(async () => {
  await server?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

function config(overrides: Partial<SourceConfig> = {}): SourceConfig {
  return { path: server.url('/data'), lookbackDays: 3, minAge: 10, identityFile: server.identityFile, ...overrides };
}

describe('SFTP source (ssh2 server on loopback, key authentication)', () => {
  it('lists recursively and reads files byte for byte', async () => {
    const source = openSource(config({ hostKey: server.hostKey }));
    try {
      const { entries, skipped } = await source.list();
      expect(entries.sort((a, b) => a.relativePath.localeCompare(b.relativePath))).toEqual([
        { relativePath: 'empty.dat', size: 0, mtimeMs: expect.any(Number) },
        { relativePath: 'flat.dat', size: 4, mtimeMs: Date.parse('2026-11-21T10:00:07Z') },
        { relativePath: 'Y2026/M11/D21/big.nc', size: big.length, mtimeMs: expect.any(Number) },
      ]);
      expect(skipped).toEqual([{ relativePath: 'link.dat', kind: 'symlink', reason: 'symbolic link (never followed)' }]);
      expect((await buffer(await source.openRead('Y2026/M11/D21/big.nc', big.length))).equals(big)).toBe(true);
      expect((await buffer(await source.openRead('empty.dat', 0))).length).toBe(0);
      expect(await source.stat('flat.dat')).toEqual({ size: 4, mtimeMs: Date.parse('2026-11-21T10:00:07Z') });
      expect(await source.stat('gone.dat')).toBeNull();
    } finally {
      await source.close();
    }
    expect(server.mutations).toEqual([]);
  });

  it('reports names from a hostile server instead of using them', async () => {
    server.faults.hostileNames = { folder: '/data', names: ['../../escape.dat', '/etc/passwd', 'nul\u0000.dat'] };
    const source = openSource(config());
    try {
      const { entries, skipped } = await source.list();
      expect(entries.map((e) => e.relativePath)).not.toContain('../../escape.dat');
      expect(skipped.filter((s) => s.kind === 'unsafe-name').map((s) => s.relativePath).sort()).toEqual(
        ['../../escape.dat', '/etc/passwd', 'nul\u0000.dat'].sort(),
      );
    } finally {
      server.faults.hostileNames = undefined;
      await source.close();
    }
  });

  it('fails with the host and the reason when nothing listens', async () => {
    const port = await closedPort();
    const source = openSource(config({ path: `sftp://fieldops@127.0.0.1:${port}/data` }));
    const error = await source.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceUnavailableError);
    expect((error as Error).message).toBe(`sftp://fieldops@127.0.0.1:${port}/data: cannot connect: ECONNREFUSED`);
    await source.close();
  });

  it('names the key file when the server refuses the key', async () => {
    const source = openSource(config({ identityFile: server.strangerIdentityFile }));
    await expect(source.list()).rejects.toThrow(
      `${server.url('/data')}: authentication with the key in ${server.strangerIdentityFile} was refused (is its public key in fieldops's authorized_keys?)`,
    );
    await source.close();
  });

  it('refuses a server whose host key does not match source.hostKey', async () => {
    const wrong = `SHA256:${'A'.repeat(43)}`;
    const source = openSource(config({ hostKey: wrong }));
    await expect(source.list()).rejects.toThrow(`the server's host key ${server.hostKey} does not match source.hostKey ${wrong}`);
    await source.close();
  });

  it('says so when the key file cannot be read or the folder does not exist', async () => {
    const noKey = openSource(config({ identityFile: path.join(tmp, 'keys/missing') }));
    await expect(noKey.list()).rejects.toThrow(/cannot read identityFile .*keys\/missing: ENOENT/);
    await noKey.close();
    const noFolder = openSource(config({ path: server.url('/nowhere') }));
    await expect(noFolder.list()).rejects.toThrow(`${server.url('/nowhere')}: cannot list the source folder`);
    await noFolder.close();
  });
});
