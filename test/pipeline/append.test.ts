// The append stage on a real database: rows and ledger in one transaction, quarantine with the parser's
// message and nothing half-appended, re-runs and overlapping files never duplicating, grown files appending
// only their tail.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { files, media, observations, profiles, streams, variables } from '../../db/schema';
import { appendFile } from '../../lib/pipeline/append';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { type CampbellRow, type CampbellTable, toa5Text } from '../helpers/fixtures/campbell';
import { expectedBetaAtt, syntheticCl61Layout, writeCl61File } from '../helpers/fixtures/cl61';
import { writeBrt } from '../helpers/fixtures/hatpro';
import { ensureInstrument, ledgerFetchedFile } from '../helpers/ledger';

let t: TestDatabase;
let dataDir: string;
const table: CampbellTable = {
  table: 'Met', variables: [{ name: 'AirTC', unit: 'degC', processing: 'Avg' }, { name: 'RH', unit: '%', processing: 'Smp' }],
};
const start = Date.UTC(2026, 10, 20, 0, 0, 0);
const rows = (from: number, count: number): CampbellRow[] =>
  Array.from({ length: count }, (_, i) => ({ time: start + (from + i) * 60_000, record: from + i, values: [from + i, i % 3 === 0 ? null : 50 + i] }));

beforeAll(async () => {
  t = await createTestDatabase();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldops-append-'));
  await ensureInstrument(t.db, 'met', 'campbell-toa5');
  await ensureInstrument(t.db, 'mwr', 'rpg-hatpro');
  await ensureInstrument(t.db, 'ceilo', 'vaisala-cl61');
  await ensureInstrument(t.db, 'cam', 'webcam');
});
afterAll(async () => {
  await t?.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const count = async (table: typeof observations | typeof profiles) => (await t.db.select({ n: sql<number>`count(*)::int` }).from(table))[0]!.n;
const ledger = async (id: number) => (await t.db.select().from(files).where(eq(files.id, id)))[0]!;

describe('append', () => {
  it('appends every value with the ledger row, and a re-run adds nothing', async () => {
    const id = await ledgerFetchedFile(t.db, dataDir, 'met', 'Y2026/M11/D20/met_20261120.dat', toa5Text(table, rows(0, 10)));
    const result = await appendFile({ db: t.db, dataDir, fileId: id });
    expect(result).toMatchObject({ outcome: 'appended', rowsInFile: 10, valuesInserted: 20, valuesSkipped: 0 });
    expect(await count(observations)).toBe(20);
    const row = await ledger(id);
    expect(row).toMatchObject({ state: 'appended', rowsAppended: 10, valuesAppended: 20, error: null });
    expect(row.dataStart!.toISOString()).toBe('2026-11-20T00:00:00.000Z');
    expect(row.dataEnd!.toISOString()).toBe('2026-11-20T00:09:00.000Z');
    expect(row.meta?.format).toBe('TOA5');

    const [stream] = await t.db.select().from(streams).where(eq(streams.instrumentId, 'met'));
    expect(stream).toMatchObject({ name: 'Met', version: 1 });
    const vars = await t.db.select().from(variables).where(eq(variables.streamId, stream!.id)).orderBy(variables.name);
    expect(vars.map((v) => [v.name, v.unit, v.processing])).toEqual([['AirTC', 'degC', 'Avg'], ['RH', '%', 'Smp']]);

    // NAN is stored as a missing value (null), not dropped.
    const nulls = await t.db.select({ n: sql<number>`count(*)::int` }).from(observations).where(sql`${observations.value} IS NULL`);
    expect(nulls[0]!.n).toBe(4);

    const again = await appendFile({ db: t.db, dataDir, fileId: id });
    expect(again).toMatchObject({ outcome: 'appended', valuesInserted: 0 });
    expect(await count(observations)).toBe(20);
  });

  it('appends only the new tail of a file that grew, and overlapping files add nothing twice', async () => {
    const rel = 'Y2026/M11/D20/met_20261120.dat';
    const id = await ledgerFetchedFile(t.db, dataDir, 'met', rel, toa5Text(table, rows(0, 15)));
    const grown = await appendFile({ db: t.db, dataDir, fileId: id });
    expect(grown).toMatchObject({ outcome: 'appended', rowsInFile: 5, valuesInserted: 10 });
    expect((await ledger(id)).rowsAppended).toBe(15);

    const overlap = await ledgerFetchedFile(t.db, dataDir, 'met', 'copy/met_overlap.dat', toa5Text(table, rows(10, 10)));
    const result = await appendFile({ db: t.db, dataDir, fileId: overlap });
    expect(result).toMatchObject({ outcome: 'appended', rowsInFile: 10, valuesInserted: 10, valuesSkipped: 10 });
    expect(await count(observations)).toBe(40);
  });

  it('quarantines a bad file with the parser\'s message, keeps it, and appends nothing from it', async () => {
    const before = await count(observations);
    const good = toa5Text(table, rows(100, 3000));
    const corrupt = good.slice(0, good.length - 200) + '"2026-11-22 10:00:00",9999,notanumber,1\r\n';
    const id = await ledgerFetchedFile(t.db, dataDir, 'met', 'bad/corrupt.dat', corrupt);
    const result = await appendFile({ db: t.db, dataDir, fileId: id });
    expect(result.outcome).toBe('quarantined');
    const row = await ledger(id);
    expect(row.state).toBe('quarantined');
    expect(row.error).toMatch(/bad\/corrupt\.dat: line \d+/);
    expect(await count(observations)).toBe(before); // thousands of good rows before the bad line: none kept
    expect(fs.existsSync(path.join(dataDir, 'raw', 'met', 'bad', 'corrupt.dat'))).toBe(true);
  });

  it('quarantines files that are not data for the kind, and raw copies that vanished', async () => {
    const notData = await ledgerFetchedFile(t.db, dataDir, 'met', 'notes.txt', 'hello, this is not a logger file\n');
    expect(await appendFile({ db: t.db, dataDir, fileId: notData })).toMatchObject({ outcome: 'quarantined', reason: expect.stringContaining('not a campbell-toa5 data file') });
    const gone = await ledgerFetchedFile(t.db, dataDir, 'met', 'gone.dat', toa5Text(table, rows(0, 1)));
    fs.rmSync(path.join(dataDir, 'raw', 'met', 'gone.dat'));
    expect(await appendFile({ db: t.db, dataDir, fileId: gone })).toMatchObject({ outcome: 'quarantined', reason: expect.stringContaining('raw copy is missing') });
    expect(await appendFile({ db: t.db, dataDir, fileId: 999_999 })).toEqual({ outcome: 'missing' });
  });

  it('starts a new stream version when a variable changes unit (a program change), never mixing series', async () => {
    const changed: CampbellTable = { ...table, variables: [{ name: 'AirTC', unit: 'K', processing: 'Avg' }, { name: 'RH', unit: '%' }] };
    const id = await ledgerFetchedFile(t.db, dataDir, 'met', 'v2/met.dat', toa5Text(changed, rows(500, 2)));
    expect(await appendFile({ db: t.db, dataDir, fileId: id })).toMatchObject({ outcome: 'appended', valuesInserted: 4 });
    const versions = await t.db.select().from(streams).where(eq(streams.instrumentId, 'met')).orderBy(streams.version);
    expect(versions.map((s) => s.version)).toEqual([1, 2]);
  });

  it('keeps the first of two records with the same timestamp in one file (the unique key falls back to staging)', async () => {
    const repeated = [...rows(700, 3), { ...rows(701, 1)[0]!, record: 9999, values: [-1, -1] }];
    const id = await ledgerFetchedFile(t.db, dataDir, 'met', 'dup/repeated.dat', toa5Text(table, repeated));
    const result = await appendFile({ db: t.db, dataDir, fileId: id });
    expect(result).toMatchObject({ outcome: 'appended', rowsInFile: 4, valuesInserted: 6, valuesSkipped: 2 });
    const [kept] = await t.db.select().from(observations)
      .where(sql`${observations.time} = ${new Date(start + 701 * 60_000).toISOString()}::timestamptz AND ${observations.value} = -1`);
    expect(kept).toBeUndefined();
  });

  it('appends profile data into profiles', async () => {
    const bytes = writeBrt({
      version: 2, frequencies: [22.24, 23.04, 31.4],
      records: [0, 1, 2].map((i) => ({ timeMs: Date.UTC(2026, 10, 20, 1, 0, i), tb: [20 + i, 21 + i, 12 + i], elevation: 90, azimuth: 0 })),
    });
    const id = await ledgerFetchedFile(t.db, dataDir, 'mwr', '201120.BRT', bytes);
    const result = await appendFile({ db: t.db, dataDir, fileId: id });
    expect(result.outcome).toBe('appended');
    const rows = await t.db.select().from(profiles).orderBy(profiles.time);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    expect(rows.find((r) => r.values.length === 3)!.values[0]).toBeCloseTo(20, 4);
  });

  it('starts a new stream version when a profile axis changes, and returns to the matching one when it changes back', async () => {
    await ensureInstrument(t.db, 'mwr-axis', 'rpg-hatpro');
    const brt = (frequencies: number[], second: number) => writeBrt({
      version: 2, frequencies,
      records: [{ timeMs: Date.UTC(2026, 10, 21, 1, 0, second), tb: frequencies.map((f) => f), elevation: 90, azimuth: 0 }],
    });
    const versionsOfTb = async () => {
      const rows = await t.db.execute<{ version: number; n: number }>(sql`
        SELECT s.version, count(p.*)::int AS n FROM streams s JOIN variables v ON v.stream_id = s.id
        LEFT JOIN profiles p ON p.variable_id = v.id
        WHERE s.instrument_id = 'mwr-axis' AND v.shape = 'profile' GROUP BY s.version ORDER BY s.version`);
      return rows.rows.map((r) => [Number(r.version), Number(r.n)]);
    };
    for (const [i, frequencies] of [[22.24, 23.04, 31.4], [22.24, 23.04, 31.4, 51.26], [22.24, 23.04, 31.4]].entries()) {
      const id = await ledgerFetchedFile(t.db, dataDir, 'mwr-axis', `axis/2611${i}.BRT`, brt(frequencies!, i));
      expect(await appendFile({ db: t.db, dataDir, fileId: id })).toMatchObject({ outcome: 'appended' });
    }
    // Version 1 holds the two three-channel profiles, version 2 the four-channel one: no profile of one axis
    // is ever read against the other's frequencies.
    expect(await versionsOfTb()).toEqual([[1, 2], [2, 1]]);
  });

  it('appends a CL61 file: backscatter profiles into profiles, cloud bases into observations', async () => {
    const rel = 'live_20261120_010500.nc';
    const full = path.join(dataDir, 'raw', 'ceilo', rel);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    await writeCl61File(full, syntheticCl61Layout({ schema: 'cl61-2023', startMs: Date.UTC(2026, 10, 20, 1, 0, 0), profiles: 5, gates: 16 }));
    const id = await ledgerFetchedFile(t.db, dataDir, 'ceilo', rel, fs.readFileSync(full));
    const result = await appendFile({ db: t.db, dataDir, fileId: id });
    expect(result).toMatchObject({ outcome: 'appended' });
    const [beta] = await t.db.select({ id: variables.id }).from(variables).where(eq(variables.name, 'beta_att'));
    const betaRows = await t.db.select().from(profiles).where(eq(profiles.variableId, beta!.id)).orderBy(profiles.time);
    expect(betaRows).toHaveLength(5);
    expect(betaRows[0]!.values).toHaveLength(16);
    expect(betaRows[0]!.values[3]).toBeCloseTo(expectedBetaAtt(0, 3), 12);
    const [cbh] = await t.db.select({ id: variables.id }).from(variables).where(eq(variables.name, 'cloud_base_heights_1'));
    const cbhRows = await t.db.select().from(observations).where(eq(observations.variableId, cbh!.id)).orderBy(observations.time);
    expect(cbhRows.map((r) => r.value)).toEqual([500, 510, 520, 530, 540]);
    expect((await ledger(id)).meta?.attributes.schema).toBe('cl61-2023');
  });

  it('catalogues a webcam image in media, with no rows, and quarantines a broken one', async () => {
    const data = Buffer.alloc(32 * 24 * 4, 200);
    const jpegBytes = (await import('jpeg-js')).default.encode({ data, width: 32, height: 24, comments: ['2026-11-21T14:10:00Z'] }, 70).data;
    const id = await ledgerFetchedFile(t.db, dataDir, 'cam', '2026/11/21/cam_20261121_1410.jpg', jpegBytes);
    expect(await appendFile({ db: t.db, dataDir, fileId: id })).toMatchObject({ outcome: 'appended', rowsInFile: 0 });
    const [item] = await t.db.select().from(media).where(eq(media.instrumentId, 'cam'));
    expect(item).toMatchObject({ path: 'raw/cam/2026/11/21/cam_20261121_1410.jpg', width: 32, height: 24, size: jpegBytes.length });
    expect(item!.takenAt.toISOString()).toBe('2026-11-21T14:10:00.000Z');
    expect((await ledger(id)).dataEnd!.toISOString()).toBe('2026-11-21T14:10:00.000Z');

    const broken = await ledgerFetchedFile(t.db, dataDir, 'cam', 'broken.jpg', jpegBytes.subarray(0, 40));
    expect(await appendFile({ db: t.db, dataDir, fileId: broken })).toMatchObject({ outcome: 'quarantined' });
  });
});
