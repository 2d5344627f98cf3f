import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { text } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalFolderSource } from '../../lib/sources/local-folder';
import { SourceUnavailableError } from '../../lib/sources/types';

let tmp: string;
let root: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldops-local-source-'));
  root = path.join(tmp, 'source');
  const write = (rel: string, content: string, mtime?: Date) => {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), content);
    if (mtime) fs.utimesSync(path.join(root, rel), mtime, mtime);
  };
  write('Y2026/M11/D21/a.dat', 'aaa', new Date('2026-11-21T10:00:00.500Z'));
  write('flat.dat', 'flat');
  write('new\nline.dat', 'hostile');
  write('back\\slash.dat', 'hostile');
  fs.writeFileSync(path.join(tmp, 'secret.txt'), 'outside the root');
  fs.mkdirSync(path.join(tmp, 'outside-dir'));
  fs.writeFileSync(path.join(tmp, 'outside-dir', 'x.dat'), 'outside');
  fs.symlinkSync(path.join(tmp, 'secret.txt'), path.join(root, 'link-out.dat'));
  fs.symlinkSync(path.join(tmp, 'outside-dir'), path.join(root, 'dir-out'));
  fs.symlinkSync(path.join(root, 'flat.dat'), path.join(root, 'latest.dat'));
  execFileSync('mkfifo', [path.join(root, 'pipe.dat')]);
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('LocalFolderSource', () => {
  it('lists regular files recursively with forward-slash paths, sizes and mtimes', async () => {
    const { entries } = await new LocalFolderSource(root).list();
    expect(entries.sort((a, b) => a.relativePath.localeCompare(b.relativePath))).toEqual([
      { relativePath: 'flat.dat', size: 4, mtimeMs: expect.any(Number) },
      { relativePath: 'Y2026/M11/D21/a.dat', size: 3, mtimeMs: Date.parse('2026-11-21T10:00:00.500Z') },
    ]);
  });

  it('never follows symlinks, skips special files and reports hostile names', async () => {
    const { skipped } = await new LocalFolderSource(root).list();
    const byPath = Object.fromEntries(skipped.map((s) => [s.relativePath, s.kind]));
    expect(byPath).toEqual({
      'link-out.dat': 'symlink', 'dir-out': 'symlink', 'latest.dat': 'symlink', 'pipe.dat': 'not-a-file',
      'new\nline.dat': 'unsafe-name', 'back\\slash.dat': 'unsafe-name',
    });
  });

  it('reads a file, and refuses one that became a symlink after the listing', async () => {
    const source = new LocalFolderSource(root);
    expect(await text(await source.openRead('Y2026/M11/D21/a.dat'))).toBe('aaa');
    await expect(source.openRead('link-out.dat')).rejects.toThrow(/ELOOP/);
    expect(await source.stat('link-out.dat')).toBeNull();
    expect(await source.stat('gone.dat')).toBeNull();
  });

  it('works through a symlinked root (a mounted disk behind a link)', async () => {
    const linkRoot = path.join(tmp, 'root-link');
    fs.symlinkSync(root, linkRoot);
    const { entries } = await new LocalFolderSource(linkRoot).list();
    expect(entries.map((e) => e.relativePath).sort()).toEqual(['Y2026/M11/D21/a.dat', 'flat.dat']);
  });

  it('says clearly when the source folder is missing', async () => {
    const missing = path.join(tmp, 'not-mounted');
    const error = await new LocalFolderSource(missing).list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceUnavailableError);
    expect((error as Error).message).toBe(`source folder ${missing} does not exist (is the disk mounted?)`);
  });
});
