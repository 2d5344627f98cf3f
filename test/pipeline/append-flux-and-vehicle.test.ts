// The append stage with the vehicle-log, licor-ghg and campbell-tob3 kinds on a real database: values land
// in observations with the ledger row (metadata settings included), re-runs and copies of a file never
// duplicate rows, and a bad file is quarantined with the parser's reason and nothing from it appended.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { files, observations } from '../../db/schema';
import { appendFile } from '../../lib/pipeline/append';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { ensureInstrument, ledgerFetchedFile } from '../helpers/ledger';
import { ghgArchive, ghgDataText, ghgRecords, zipArchive, ghgMetadataText } from '../helpers/fixtures/licor-ghg';
import { FLUX_COLUMNS, fluxFrame, tob3File } from '../helpers/fixtures/tob3';
import { vehicleLogText, vehicleRecords } from '../helpers/fixtures/vehicle-log';

const samples = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared', 'samples');
let t: TestDatabase;
let dataDir: string;

beforeAll(async () => {
  t = await createTestDatabase();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldops-append-kinds2-'));
  await ensureInstrument(t.db, 'van', 'vehicle-log');
  await ensureInstrument(t.db, 'flux', 'licor-ghg');
  await ensureInstrument(t.db, 'sonic', 'campbell-tob3');
});
afterAll(async () => {
  await t?.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const count = async () => (await t.db.select({ n: sql<number>`count(*)::int` }).from(observations))[0]!.n;
const ledger = async (id: number) => (await t.db.select().from(files).where(eq(files.id, id)))[0]!;

async function appendTwiceAndCopy(instrument: string, name: string, bytes: string | Buffer, expectedValues: number) {
  const before = await count();
  const id = await ledgerFetchedFile(t.db, dataDir, instrument, name, bytes);
  expect(await appendFile({ db: t.db, dataDir, fileId: id })).toMatchObject({ outcome: 'appended', valuesInserted: expectedValues });
  expect(await count()).toBe(before + expectedValues);
  const firstRun = await ledger(id);
  expect(await appendFile({ db: t.db, dataDir, fileId: id })).toMatchObject({ outcome: 'appended', valuesInserted: 0 });
  const copy = await ledgerFetchedFile(t.db, dataDir, instrument, `copy/${name}`, bytes);
  expect(await appendFile({ db: t.db, dataDir, fileId: copy })).toMatchObject({ outcome: 'appended', valuesInserted: 0, valuesSkipped: expectedValues });
  expect(await count()).toBe(before + expectedValues);
  return firstRun;
}

async function expectQuarantined(instrument: string, name: string, bytes: string | Buffer, reason: RegExp) {
  const before = await count();
  const id = await ledgerFetchedFile(t.db, dataDir, instrument, name, bytes);
  const result = await appendFile({ db: t.db, dataDir, fileId: id });
  expect(result.outcome).toBe('quarantined');
  const row = await ledger(id);
  expect(row.state).toBe('quarantined');
  expect(row.error).toMatch(reason);
  expect(await count()).toBe(before);
  expect(fs.existsSync(path.join(dataDir, 'raw', instrument, name))).toBe(true);
}

describe('append: vehicle-log', () => {
  it('appends a log (nulls for dropouts) once, however often it is re-run or copied', async () => {
    const text = vehicleLogText({ lines: [...vehicleRecords(83_000, 40), '[914.6,23,5,0,3602.5,go,21.0,h,93000.0]'] });
    const row = await appendTwiceAndCopy('van', 'rabbit1_2023-08-13_230000.log', text, 41 * 6);
    expect(row.meta?.attributes).toMatchObject({ rows: 41, dropoutValues: 2, columns: 'f,da,db,dc,ga,go,t,h,p' });
    expect(row.dataStart!.toISOString()).toBe('2023-08-13T23:03:20.000Z');
  });

  it.skipIf(!fs.existsSync(path.join(samples, 'mobile-mesonet')))('appends the real sample log', async () => {
    const bytes = fs.readFileSync(path.join(samples, 'mobile-mesonet', 'rabbit1_2023-08-13_231851-233311.log'));
    await appendTwiceAndCopy('van', 'rabbit1_2023-08-13_231851-233311.log', bytes, 427 * 6);
  });

  it('quarantines a log with a corrupt record after hundreds of good ones, appending nothing', async () => {
    const text = vehicleLogText({ lines: [...vehicleRecords(3600, 300), '[914.6,2,0,0,36#02.5,9945.3,21.0,60.0,93000.0]'] });
    await expectQuarantined('van', 'bad/rabbit1_2023-08-14_010000.log', text, /bad\/rabbit1_2023-08-14_010000\.log: line 304: column ga is "36#02\.5"/);
  });
});

describe('append: licor-ghg', () => {
  it('appends a .ghg once, with the metadata settings on the ledger row', async () => {
    const start = Date.UTC(2026, 10, 20, 11, 0, 0);
    const row = await appendTwiceAndCopy('flux', '2026-11-20T120000_AIU-0001.ghg', ghgArchive(ghgDataText(ghgRecords(start, 200))), 200 * 5);
    expect(row.meta?.format).toBe('LI-COR GHG');
    expect(row.meta?.attributes).toMatchObject({ 'Site.latitude': '51.1', 'Timing.acquisition_frequency': '20.0', 'Station.logger_id': 'AIU-0001', rows: 200 });
    expect(row.dataEnd!.getTime() - row.dataStart!.getTime()).toBe(199 * 50);
  });

  it('quarantines an archive whose data member fails its CRC-32, appending nothing', async () => {
    const data = ghgDataText(ghgRecords(Date.UTC(2026, 10, 21), 500));
    const bytes = zipArchive([
      { name: 'x.data', bytes: Buffer.from(data), crc32: 1 },
      { name: 'x.metadata', bytes: Buffer.from(ghgMetadataText()) },
    ]);
    await expectQuarantined('flux', 'bad/2026-11-21T000000_AIU-0001.ghg', bytes, /x\.data fails its CRC-32 check/);
  });
});

describe('append: campbell-tob3', () => {
  const table = { frameBytes: 108, columns: FLUX_COLUMNS };
  it('appends TOB3 frames once', async () => {
    const frames = Array.from({ length: 20 }, (_, f) => fluxFrame(f * 3, 3, 1_100_000_000));
    const row = await appendTwiceAndCopy('sonic', 'CR6_ts_data_1.dat', tob3File(table, frames), 60 * 7);
    expect(row.meta?.attributes).toMatchObject({ validFrames: 20, rows: 60, table: 'ts_data' });
    expect(row.meta?.format).toBe('TOB3');
  });

  it('quarantines a file whose frames all fail validation, appending nothing', async () => {
    const bytes = tob3File({ ...table, stamp: 0x2222 }, []);
    const frames = tob3File(table, Array.from({ length: 5 }, (_, f) => fluxFrame(f * 3, 3, 1_100_100_000)));
    const mixed = Buffer.concat([bytes, frames.subarray(frames.length - 5 * 108)]);
    await expectQuarantined('sonic', 'bad/CR6_ts_data_2.dat', mixed, /none of 5 frames carries the validation stamp 8738/);
  });
});
