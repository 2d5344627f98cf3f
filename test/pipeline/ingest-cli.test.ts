// `fieldops ingest` and `fieldops files` as a user runs them, on the embedded database, plus crash safety:
// a SIGKILL in the middle of an append leaves all or none of the file's rows, and a re-run completes it.
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { EmbeddedCluster } from '../../lib/embedded-db/cluster';
import { type CampbellTable, toa5Text, writeToa5File } from '../helpers/fixtures/campbell';
import { runFieldops, waitFor } from '../helpers/fieldops-process';

let root: string;
let env: Record<string, string>;
const table: CampbellTable = { table: 'Met', variables: Array.from({ length: 10 }, (_, i) => ({ name: `v${i}`, unit: 'V' })) };
const minuteAgo = () => new Date(Date.now() - 60_000);

beforeAll(() => {
  root = fs.mkdtempSync(path.join(inject('testRoot'), 'ingest-'));
  fs.chmodSync(root, 0o755);
  const source = path.join(root, 'source');
  fs.mkdirSync(path.join(source, 'Y2026', 'M11'), { recursive: true });
  const start = Date.now() - 3600_000;
  const rows = (n: number, offset: number) => Array.from({ length: n }, (_, i) => ({ time: start + (offset + i) * 1000, values: Array.from({ length: 10 }, (_, j) => i * j) }));
  fs.writeFileSync(path.join(source, 'Y2026', 'M11', 'a.dat'), toa5Text(table, rows(100, 0)));
  fs.writeFileSync(path.join(source, 'Y2026', 'M11', 'b.dat'), toa5Text(table, rows(100, 50)));
  fs.writeFileSync(path.join(source, 'Y2026', 'M11', 'broken.dat'), '"TOA5","x"\r\n"TIMESTAMP"\r\n');
  for (const f of ['a.dat', 'b.dat', 'broken.dat']) fs.utimesSync(path.join(source, 'Y2026', 'M11', f), minuteAgo(), minuteAgo());
  const config = path.join(root, 'fieldops.config.yaml');
  fs.writeFileSync(config, `campaign: { name: Test }\nsites: [{ id: s, name: S }]\ninstruments:\n  - { id: met, site: s, kind: campbell-toa5, source: { path: ${source}, pattern: "**/*.dat", lookbackDays: 3 } }\n`);
  env = { FIELDOPS_DATA_DIR: path.join(root, 'data'), FIELDOPS_CONFIG: config };
});

afterAll(async () => {
  await new EmbeddedCluster(path.join(root, 'data')).stop();
});

async function run(args: string[]): Promise<{ code: number | null; out: string }> {
  const r = runFieldops(args, env);
  const code = await r.exited;
  return { code, out: r.output() };
}

describe('fieldops ingest', () => {
  it('dry run parses and reports without writing anything', async () => {
    const { code, out } = await run(['ingest', 'met', '--dry-run']);
    expect(code).toBe(0);
    expect(out).toContain('would append  Y2026/M11/a.dat: 100 rows');
    expect(out).toMatch(/would quarantine Y2026\/M11\/broken\.dat: line \d+/);
    expect(fs.existsSync(path.join(root, 'data', 'raw'))).toBe(false);
  });

  it('syncs and appends, quarantines the bad file with its reason, and a second run adds nothing', async () => {
    const first = await run(['ingest', 'met']);
    expect(first.out).toContain('3 new');
    expect(first.out).toMatch(/3 files in .*: 200 rows, 1500 values appended, 500 values already present/);
    expect(first.out).toContain('quarantined: 1');
    expect(first.code).toBe(1); // something needs a look

    const second = await run(['ingest', 'met']);
    expect(second.out).toContain('0 new, 0 changed, 3 unchanged');
    expect(second.code).toBe(0);

    const quarantined = await run(['files', 'met', '--state', 'quarantined']);
    expect(quarantined.out).toMatch(/quarantined Y2026\/M11\/broken\.dat/);
    expect(quarantined.out).toMatch(/broken\.dat: line \d+: /);
    expect((await run(['files', 'met'])).out).toContain('3 file(s)');
  });

  it('names the problem with a bad instrument or flag', async () => {
    const unknown = await run(['ingest', 'nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.out).toContain("no instrument 'nope' in the config; there are: met");
    expect((await run(['ingest', 'met', '--date', '21/11/2026'])).out).toContain('--date must be YYYY-MM-DD');
    expect((await run(['files', 'met', '--state', 'lost'])).out).toContain('--state must be one of');
  });

  it('after a SIGKILL in the middle of an append, the database holds none of that file, and a re-run appends it once', async () => {
    const big = path.join(root, 'source', 'big.dat');
    const start = Date.now() - 7200_000;
    // 300,000 rows x 10 values: long enough to be caught mid-append.
    await writeToa5File(big, table, (function* () {
      for (let i = 0; i < 300_000; i++) yield { time: start + i * 10, values: Array.from({ length: 10 }, (_, j) => i + j) };
    })());
    fs.utimesSync(big, minuteAgo(), minuteAgo());
    const ingest = runFieldops(['ingest', 'met', '--file', big], env);
    const cluster = new EmbeddedCluster(path.join(root, 'data'));
    // The command starts the database itself; connect once it accepts connections.
    const client = await waitFor('the embedded database', async () => {
      const server = cluster.runningServer();
      if (!server) return undefined;
      const candidate = new pg.Client({ connectionString: cluster.url(server.port) });
      candidate.on('error', () => {});
      try {
        await candidate.connect();
        return candidate;
      } catch {
        await candidate.end().catch(() => {});
        return undefined;
      }
    });
    try {
      await waitFor('the append to be copying rows', async () => {
        const { rows } = await client.query(`SELECT 1 FROM pg_stat_activity WHERE application_name = 'fieldops-ingest' AND query ILIKE 'COPY %observations%'`);
        return rows.length > 0 ? true : undefined;
      }, 60_000);
      process.kill(ingest.child.pid!, 'SIGKILL');
      await ingest.exited;
      const count = async () => Number((await client.query(`SELECT count(*) FROM observations o JOIN streams s ON s.id = o.stream_id WHERE o.time < to_timestamp(${(start + 300_000 * 10) / 1000}) AND o.time >= to_timestamp(${start / 1000})`)).rows[0].count);
      await waitFor('the killed transaction to be rolled back', async () => {
        const { rows } = await client.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'fieldops-ingest'`);
        return rows[0].n === 0 ? true : undefined;
      });
      expect(await count()).toBe(0);
      const ledger = await client.query(`SELECT state FROM files WHERE relative_path = 'big.dat'`);
      expect(ledger.rows[0].state).toBe('fetched');

      const again = await run(['ingest', 'met', '--file', big]);
      expect(again.out).toContain('3000000 values appended, 0 values already present');
      expect(await count()).toBe(3_000_000);
      const done = await client.query(`SELECT state, rows_appended::int AS rows FROM files WHERE relative_path = 'big.dat'`);
      expect(done.rows[0]).toMatchObject({ state: 'appended', rows: 300_000 });
    } finally {
      await client.end();
    }
  });
});
