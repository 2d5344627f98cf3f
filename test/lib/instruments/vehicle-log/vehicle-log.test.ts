import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseVehicleLog, vehicleLog } from '../../../../lib/instruments/vehicle-log';
import { ddmmToDegrees } from '../../../../lib/instruments/vehicle-log/coordinates';
import { ParseError } from '../../../../lib/instruments/types';
import { type FixtureDir, collect, makeFixtureDir, parseFixture, scalarSeries } from '../../../helpers/fixtures/hatpro';
import { vehicleLogText, vehicleRecords } from '../../../helpers/fixtures/vehicle-log';

let dir: FixtureDir;
beforeAll(async () => {
  dir = await makeFixtureDir();
});
afterAll(() => dir.cleanup());

const day = Date.UTC(2023, 7, 13);
const parse = (text: string, name = 'rabbit1_2023-08-13_231851-233311.log', options = {}) =>
  parseFixture(vehicleLog, dir, name, Buffer.from(text, 'latin1'), options);
const values = (batches: Awaited<ReturnType<typeof parse>>['batches'], name: string) => scalarSeries(batches, name).map((p) => p.value);

describe('vehicle-log parser', () => {
  it('places hh:mm:ss on the Start comment date, converts ddmm.mmmm and makes longitude west', async () => {
    const { meta, batches } = await parse(vehicleLogText({ lines: vehicleRecords(23 * 3600 + 18 * 60 + 51, 3) }));
    const times = scalarSeries(batches, 'temperature').map((p) => new Date(p.timeMs).toISOString());
    expect(times).toEqual(['2023-08-13T23:18:51.000Z', '2023-08-13T23:18:53.000Z', '2023-08-13T23:18:55.000Z']);
    expect(values(batches, 'latitude')[0]).toBeCloseTo(36 + 2.5 / 60, 7);
    expect(values(batches, 'longitude')[0]).toBeCloseTo(-(99 + 45.3 / 60), 7);
    expect(values(batches, 'pressure')).toEqual([93000, 93001, 93002]);
    const batch = batches[0]!;
    expect(batch.type === 'scalars' && batch.variables.map((v) => [v.name, v.unit])).toEqual([
      ['frequency', 'MHz'], ['latitude', 'degree_north'], ['longitude', 'degree_east'], ['temperature', 'degC'], ['relative_humidity', '%'], ['pressure', 'Pa'],
    ]);
    expect(batch.stream).toBe('vehicle');
    expect(meta).toMatchObject({ format: 'vehicle-log', attributes: { rows: 3, dateFrom: 'comment', columns: 'f,da,db,dc,ga,go,t,h,p', comment2: '# Rabbit1,1' } });
  });

  it('stores dropout placeholders as null, skips no-signal and untimed lines, and treats latitude 0 as no fix', async () => {
    const text = vehicleLogText({
      lines: [
        '[914.6,23,20,0,3602.5571,go,21.44,h,93267.03]',
        '[f,da,db,dc,ga,go,t,h,p]',
        '[914.6,23,db,4,3602.5569,9945.3691,21.58,94.68,93176.13]',
        '[914.6,23,20,6,0.0000,0.0000,21.50,90.00,93100.00]',
        '[914.6,23,20,8,,9945.3691,21.50,90.00,p]',
      ],
    });
    const { meta, batches } = await parse(text);
    expect(values(batches, 'longitude')).toEqual([null, null, -(99 + 45.3691 / 60)].map((v) => (v === null ? null : expect.closeTo(v, 7))));
    expect(values(batches, 'relative_humidity')).toEqual([null, 90, 90]);
    expect(values(batches, 'latitude')).toEqual([expect.closeTo(36 + 2.5571 / 60, 7), null, null]);
    expect(values(batches, 'pressure')).toEqual([93267.03, 93100, null]);
    expect(meta.attributes).toMatchObject({ rows: 3, dropoutValues: 4, noSignalLines: 1, untimedRows: 1, noGpsFix: 1 });
  });

  it('moves to the next day when the clock wraps past midnight, and takes the date from the file name without a Start comment', async () => {
    const { meta, batches } = await parse(vehicleLogText({ comments: [], lines: vehicleRecords(86_400 - 4, 4) }), 'van_2023-08-13_235956.log');
    const times = scalarSeries(batches, 'pressure').map((p) => p.timeMs - day);
    expect(times).toEqual([86_396_000, 86_398_000, 86_400_000, 86_402_000]);
    expect(meta.attributes).toMatchObject({ dateFrom: 'fileName', midnightRollovers: 1 });
    await expect(parse(vehicleLogText({ comments: [], lines: vehicleRecords(0, 1) }), 'van.log')).rejects.toThrow(/cannot tell the date/);
  });

  it('keeps a small clock step back on the same day, counted', async () => {
    const records = vehicleRecords(3600, 3);
    records[2]!.second = 3599;
    const { meta, batches } = await parse(vehicleLogText({ comments: ['# Start Aug 13 2023 01:00:00 UTC'], lines: records }));
    expect(scalarSeries(batches, 'pressure').map((p) => p.timeMs - day)).toEqual([3_600_000, 3_602_000, 3_599_000]);
    expect(meta.attributes).toMatchObject({ timeReversals: 1, midnightRollovers: 0 });
  });

  it('batches rows, skips rows up to afterTimeMs, and accepts a final line end', async () => {
    const text = vehicleLogText({ lines: vehicleRecords(83_000, 25), finalLineEnd: true });
    const { meta, batches } = await parse(text, undefined, { batchSize: 10, afterTimeMs: day + 83_000_000 + 9_000 });
    expect(batches.map((b) => b.rows.length)).toEqual([10, 10]);
    expect(meta.attributes).toMatchObject({ rows: 20, skippedRows: 5 });
  });

  it('leaves out a last record cut off before its closing bracket, and fails on one cut off mid-file', async () => {
    const text = vehicleLogText({ lines: vehicleRecords(83_000, 3) });
    const { meta, batches } = await parse(text.slice(0, -10));
    expect(scalarSeries(batches, 'pressure')).toHaveLength(2);
    expect(meta.attributes.unterminatedLastLine).toBe(6);
    await expect(parse(vehicleLogText({ lines: ['[914.6,23,20,0,3602.5571', ...vehicleRecords(83_000, 1)] }))).rejects.toThrow(/line 4: a record without its closing/);
  });
});

describe('vehicle-log hostile input', () => {
  const good = vehicleLogText({ lines: vehicleRecords(83_000, 4) });
  const cases: [string, string, RegExp][] = [
    ['a value that is not a number', good.replace('20.10', '2x.10'), /line 5: column t is "2x\.10" \(expected a number or the dropout placeholder "t"\)/],
    ['a missing field', good.replace(',93001.00', ''), /line 5: expected 9 fields/],
    ['an impossible clock', good.replace('[914.6,23,3,22', '[914.6,25,3,22'), /line 5: hour \(column da\) is "25"/],
    ['a fractional second', good.replace('[914.6,23,3,22', '[914.6,23,3,22.5'), /second \(column dc\)/],
    ['no header line', good.replace('[f,da,db,dc,ga,go,t,h,p],\r\n', ''), /line 3: expected the header line naming the columns, but "914.6"/],
    ['a header without the clock', good.replace('[f,da,db,dc,', '[f,xa,db,dc,'), /no da column/],
    ['a header naming a column twice', good.replace('[f,da,db,dc,ga,go,t,h,p]', '[f,da,db,dc,ga,ga,t,h,p]'), /column "ga" appears twice/],
    ['binary garbage', good.replace('[914.6,23,3,24', '\u0000\u0001\u00ff\u0010'), /line 6: expected a bracketed record/],
    ['hexadecimal and Infinity', good.replace('20.10', 'Infinity'), /column t is "Infinity"/],
    ['comments only', '# Start Aug 13 2023 23:18:51 UTC\r\n', /no header line naming the columns/],
  ];
  it.each(cases)('fails with a clear ParseError on %s', async (_what, text, message) => {
    const error = await parse(text).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ParseError);
    expect((error as Error).message).toMatch(message);
  });

  it('rejects an oversized header without allocating for it', async () => {
    const names = Array.from({ length: 100_000 }, (_, i) => `c${i}`);
    await expect(parse(vehicleLogText({ columns: ['da', 'db', 'dc', ...names], lines: [] }))).rejects.toThrow(/100003 columns \(expected at most 256\)/);
  });

  it('truncated at every byte: either the rows before the cut or a ParseError, never anything else', async () => {
    const bytes = Buffer.from(good, 'latin1');
    for (let cut = 0; cut < bytes.length; cut++) {
      try {
        const { batches } = await parseFixture(vehicleLog, dir, 'rabbit1_2023-08-13_cut.log', bytes.subarray(0, cut));
        expect(scalarSeries(batches, 'pressure').length).toBeLessThanOrEqual(4);
      } catch (error) {
        if (cut === 0) expect((error as Error).message).toMatch(/does not claim/); // the append stage quarantines it as not a log
        else if (!(error instanceof ParseError)) throw new Error(`cut at ${cut}: ${String(error)}`);
      }
    }
  });

  it('fails an empty file with a ParseError when asked to parse it', async () => {
    const file = await dir.write('empty.log', Buffer.alloc(0));
    const parsed = await parseVehicleLog(file, { fileName: 'empty.log' });
    await expect(collect(parsed.batches)).rejects.toThrow(/empty\.log: no header line naming the columns/);
  });

  it('does not claim files that are not text logs', () => {
    expect(vehicleLog.parserFor('a.log', Buffer.from([0x50, 0x4b, 3, 4]))).toBeNull();
    expect(vehicleLog.parserFor('a.log', Buffer.from('"TOA5","x"'))).toBeNull();
    expect(vehicleLog.parserFor('a.log', Buffer.from('# Start'))).not.toBeNull();
  });
});

describe('ddmm.mmmm', () => {
  it('converts degrees and decimal minutes and rejects impossible values', () => {
    expect(ddmmToDegrees(3602.5671, 90)).toBeCloseTo(36.042785, 7);
    expect(ddmmToDegrees(9945.376, 180)).toBeCloseTo(99.7562667, 7);
    expect(ddmmToDegrees(-9845.9258, 180)).toBeCloseTo(-98.7654300, 7);
    expect(ddmmToDegrees(3675.0, 90)).toBeNull(); // 75 minutes
    expect(ddmmToDegrees(9100.0, 90)).toBeNull();
    expect(ddmmToDegrees(18100.0, 180)).toBeNull();
  });
});
