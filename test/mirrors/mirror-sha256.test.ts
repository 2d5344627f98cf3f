// The strict comparison modes: `size` reports a copy of another size, `sha256` one whose bytes differ even at
// the same size and mtime (bit rot, a copy tool that wrote garbage), and a sync in sha256 mode replaces it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getMirrorAudit } from '../../db/queries/mirrors';
import type { FieldopsConfig } from '../../lib/config/schema';
import { mirrorHops } from '../../lib/mirrors/hops';
import { syncMirror } from '../../lib/mirrors/sync';
import { verifyHop } from '../../lib/mirrors/verify';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { HOUR_MS, mirrorCampaign, writeStore } from '../helpers/mirror-fixtures';

let t: TestDatabase;
let tmp: string;
let dataDir: string;
let config: FieldopsConfig;
const hop = (id: string) => mirrorHops(config, dataDir, id)[0]!;
const mtime = Date.now() - HOUR_MS;

beforeAll(async () => {
  t = await createTestDatabase();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldops-mirror-sha-'));
  dataDir = path.join(tmp, 'data');
  for (const dir of ['by-size', 'by-hash']) fs.mkdirSync(path.join(tmp, dir));
  config = await mirrorCampaign(t.db, [
    { id: 'by-size', target: { path: path.join(tmp, 'by-size') }, compareBy: 'size' },
    { id: 'by-hash', target: { path: path.join(tmp, 'by-hash') }, compareBy: 'sha256' },
  ]);
  writeStore(dataDir, { 'raw/cl61/a.nc': { content: 'abcdef', mtimeMs: mtime }, 'raw/cl61/b.nc': { content: 'xyz', mtimeMs: mtime } });
});
afterAll(async () => {
  await t?.drop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('size and sha256 modes', () => {
  it('size mode reports a copy of another size as differing', async () => {
    await syncMirror({ db: t.db, hop: hop('by-size') });
    writeStore(path.join(tmp, 'by-size'), { 'raw/cl61/b.nc': { content: 'xy', mtimeMs: mtime } });
    const { totals, auditId } = await verifyHop({ db: t.db, hop: hop('by-size') });
    expect(totals).toMatchObject({ outcome: 'missing', differs: 1, missingOnTarget: 0 });
    expect((await getMirrorAudit(t.db, auditId))!.items).toMatchObject([{ status: 'differs', relativePath: 'raw/cl61/b.nc', sourceSize: 3, targetSize: 2 }]);
  });

  it('sha256 mode finds a same-size, same-mtime copy with other bytes, and a sync replaces it', async () => {
    expect(await syncMirror({ db: t.db, hop: hop('by-hash') })).toMatchObject({ copiedNew: 2 });
    expect((await verifyHop({ db: t.db, hop: hop('by-hash') })).totals.outcome).toBe('ok');
    const copy = path.join(tmp, 'by-hash/raw/cl61/a.nc');
    const before = fs.statSync(copy);
    fs.writeFileSync(copy, 'abcXef');
    fs.utimesSync(copy, before.atime, before.mtime);
    expect((await verifyHop({ db: t.db, hop: hop('by-hash') })).totals).toMatchObject({ outcome: 'missing', differs: 1 });
    expect(await syncMirror({ db: t.db, hop: hop('by-hash') })).toMatchObject({ copiedChanged: 1, unchanged: 1 });
    expect(fs.readFileSync(copy, 'utf8')).toBe('abcdef');
    expect((await verifyHop({ db: t.db, hop: hop('by-hash') })).totals.outcome).toBe('ok');
  });
});
