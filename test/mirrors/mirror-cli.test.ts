// `fieldops mirror sync|verify` as a user runs them, on the embedded database of their own data folder.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { EmbeddedCluster } from '../../lib/embedded-db/cluster';
import { runFieldops } from '../helpers/fieldops-process';
import { writeStore } from '../helpers/mirror-fixtures';

let root: string;
let dataDir: string;
let archive: string;
let env: Record<string, string>;

beforeAll(() => {
  root = fs.mkdtempSync(path.join(inject('testRoot'), 'mirror-cli-'));
  fs.chmodSync(root, 0o755);
  dataDir = path.join(root, 'data');
  archive = path.join(root, 'archive');
  fs.mkdirSync(archive);
  writeStore(dataDir, { 'raw/met/Y2026/M11/D21/met_1.dat': 'one', 'raw/met/Y2026/M11/D21/met_2.dat': 'two', 'products/quicklooks/met/q.png': 'png' });
  const config = path.join(root, 'fieldops.config.yaml');
  fs.writeFileSync(config, `campaign: { name: Test }\nsites: [{ id: s, name: S }]\n` +
    `instruments:\n  - { id: met, site: s, kind: campbell-toa5, source: { path: ${root}/source } }\n` +
    `mirrors:\n  - { id: archive, target: { path: ${archive} }, include: [raw, products] }\n`);
  env = { FIELDOPS_DATA_DIR: dataDir, FIELDOPS_CONFIG: config };
});

afterAll(async () => {
  await new EmbeddedCluster(dataDir).stop();
});

async function run(args: string[]): Promise<{ code: number | null; out: string }> {
  const r = runFieldops(args, env);
  const code = await r.exited;
  return { code, out: r.output() };
}

describe('fieldops mirror', () => {
  it('sync copies with a progress line and a summary; verify prints the report and exits 0 when complete', async () => {
    const sync = await run(['mirror', 'sync']);
    expect(sync.out).toContain(`archive: ${dataDir} -> ${archive}`);
    expect(sync.out).toMatch(/\[#+\] 100%\s+3\/3 files/);
    expect(sync.out).toContain('3 new and 0 changed file(s) copied');
    expect(sync.code).toBe(0);

    const verify = await run(['mirror', 'verify']);
    expect(verify.out).toContain(`FILES ON ${dataDir} THAT ARE NOT ON ${archive}\nNone\n`);
    expect(verify.code).toBe(0);
  });

  it('verify names the missing file, writes the CSV on request and exits 1; a sync puts the file back', async () => {
    fs.rmSync(path.join(archive, 'raw/met/Y2026/M11/D21/met_2.dat'));
    const csv = path.join(root, 'report.csv');
    const verify = await run(['mirror', 'verify', '--mirror', 'archive', '--csv', csv]);
    expect(verify.out).toContain(`FILES ON ${dataDir} THAT ARE NOT ON ${archive}\nraw/met/Y2026/M11/D21/met_2.dat\n`);
    expect(verify.code).toBe(1);
    expect(fs.readFileSync(csv, 'utf8')).toContain('missing_on_target,raw/met/Y2026/M11/D21/met_2.dat,met_2.dat,met,');

    expect((await run(['mirror', 'sync', '--instrument', 'met', '--days', '2'])).out).toContain('1 new and 0 changed file(s) copied');
    expect((await run(['mirror', 'verify'])).code).toBe(0);
  });

  it('names the problem with a bad mirror or flag', async () => {
    const unknown = await run(['mirror', 'sync', '--mirror', 'nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.out).toContain("no mirror 'nope' in the config; there are: archive");
    expect((await run(['mirror', 'verify', '--from', '21/11/2026'])).out).toContain('--from must be a date like 2026-11-21');
    expect((await run(['mirror', 'sync', '--days', '2', '--date', '2026-11-21'])).out).toContain('--days and --date exclude each other');
  });
});
