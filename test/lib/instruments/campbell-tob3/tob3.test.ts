import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campbellTob3, parseTob3 } from '../../../../lib/instruments/campbell-tob3';
import { ParseError } from '../../../../lib/instruments/types';
import { type FixtureDir, makeFixtureDir, parseFixture, scalarSeries } from '../../../helpers/fixtures/hatpro';
import { FLUX_COLUMNS, TOB1_EPOCH_MS, type Tob3Table, fluxFrame, tob3File, tob3Frame, tob3Header } from '../../../helpers/fixtures/tob3';

let dir: FixtureDir;
beforeAll(async () => {
  dir = await makeFixtureDir();
});
afterAll(() => dir.cleanup());

const T0 = 1_100_000_000; // seconds since 1990: 2024-11-09T07:06:40 on the logger clock
const table: Tob3Table = { frameBytes: 108, columns: FLUX_COLUMNS }; // 3 records of 30 bytes + 2 bytes padding
const parse = (bytes: Buffer, options = {}) => parseFixture(campbellTob3, dir, 'CR6_ts_data_0.dat', bytes, options);
type Batches = Awaited<ReturnType<typeof parse>>['batches'];
const times = (batches: Batches) => scalarSeries(batches, 'Ux').map((p) => p.timeMs - (TOB1_EPOCH_MS + T0 * 1000));
const records = (batches: Batches) => batches.flatMap((b) => b.type === 'scalars' ? b.rows.map((r) => r.record) : []);

describe('campbell-tob3 frames', () => {
  it('reads frame time + sub-second ticks + record index x interval, the record numbers and every data type', async () => {
    const { meta, batches } = await parse(tob3File(table, [fluxFrame(0, 3, T0), fluxFrame(3, 3, T0)]));
    expect(times(batches)).toEqual([0, 100, 200, 300, 400, 500]);
    expect(records(batches)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(scalarSeries(batches, 'Ux').map((p) => p.value)).toEqual([1, 1.125, 1.25, 1.375, 1.5, 1.625]);
    expect(scalarSeries(batches, 'CO2').map((p) => p.value)).toEqual([650, 650.1, 650.2, 650.3, 650.4, 650.5]); // FP2
    expect(scalarSeries(batches, 'H2O').map((p) => p.value)).toEqual([7.5, 7.625, 7.75, 7.875, 8, 8.125]); // IEEE4B
    expect(scalarSeries(batches, 'diag_sonic').map((p) => p.value)).toEqual([0, 1, 2, 0, 1, 2]); // ULONG
    const batch = batches[0]!;
    expect(batch.stream).toBe('ts_data');
    expect(batch.type === 'scalars' && batch.variables.map((v) => [v.name, v.unit, v.processing])).toEqual([
      ['Ux', 'm/s', 'Smp'], ['Uy', 'm/s', 'Smp'], ['Uz', 'm/s', 'Smp'], ['Ts', 'degC', 'Smp'], ['diag_sonic', null, 'Smp'], ['CO2', 'mg/m^3', 'Smp'], ['H2O', 'g/m^3', 'Smp'],
    ]);
    expect(meta).toMatchObject({
      format: 'TOB3',
      attributes: {
        station: '2991', model: 'CR6', table: 'ts_data', recordInterval: '100 MSEC', frameBytes: 108, validationStamp: 0x6a31, frameTimeResolution: 'Sec100Usec',
        recordBytes: 30, recordsPerFrame: 3, frames: 2, stringColumns: 'tag', rows: 6, validFrames: 2, invalidFrames: 0, partialFrameBytes: 0,
      },
    });
  });

  it('has a quicklook recipe and key variables naming variables of a CSAT3 + gas analyser table', async () => {
    const { batches } = await parse(tob3File(table, [fluxFrame(0, 3, T0)]));
    const names = new Set(batches.flatMap((b) => (b.type === 'scalars' ? b.variables.map((v) => v.name) : [])));
    const panels = campbellTob3.quicklook!.plots.flatMap((plot) => plot.panels);
    const wanted = [...panels.flatMap((panel) => (panel.type === 'timeseries' ? panel.variables : [panel.variable])), ...campbellTob3.keyVariables!];
    expect(wanted.filter((v) => !names.has(v))).toEqual([]);
  });

  it('applies the frame time resolution and the record interval from header line 2', async () => {
    const frame = { ...fluxFrame(0, 3, T0), ticks: 250 };
    const ms = await parse(tob3File({ ...table, resolution: 'SecMsec', interval: '1 SEC' }, [frame]));
    expect(times(ms.batches)).toEqual([250, 1250, 2250]);
    const us = await parse(tob3File({ ...table, resolution: 'SecUsec', interval: '50 MSEC' }, [frame]));
    // A bare SecUsec is 10 microseconds, as Campbell's reader reads that retired name.
    expect(times(us.batches)).toEqual([2.5, 52.5, 102.5]);
    const ns = await parse(tob3File({ ...table, resolution: 'Sec50NSec' }, [{ ...frame, ticks: 20_000_000 }]));
    expect(times(ns.batches)).toEqual([1000, 1100, 1200]);
  });

  it('reads the logger clock in the instrument time zone', async () => {
    const { batches } = await parse(tob3File(table, [fluxFrame(0, 3, T0)]), { timezone: 'Etc/GMT-1' });
    expect(times(batches)).toEqual([-3_600_000, -3_599_900, -3_599_800]);
  });

  it('accepts frames stamped with the complement, skips invalid, unwritten and empty frames, counting them', async () => {
    const frames = [
      fluxFrame(0, 3, T0), { kind: 'garbage' as const }, fluxFrame(3, 3, T0, { complement: true }),
      { kind: 'empty' as const }, fluxFrame(6, 3, T0, { flags: 0x1000 | 0x2000 }), { kind: 'zero' as const }, { kind: 'zero' as const },
    ];
    const { meta, batches } = await parse(tob3File(table, frames));
    expect(records(batches)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(meta.attributes).toMatchObject({ validFrames: 3, invalidFrames: 1, emptyFrames: 1, unwrittenFrames: 2, fileMarks: 1, removeMarks: 1, frames: 7 });
  });

  it('splits a minor frame into its sub-frames, each with its own time and record number', async () => {
    const minor = { kind: 'minor' as const, runs: [
      { seconds: T0 + 10, ticks: 0, firstRecord: 100, records: [FLUX_COLUMNS.map(() => 1).map((v, i) => (i === 7 ? 'a' : v))] },
      { seconds: T0 + 20, ticks: 5000, firstRecord: 200, records: [FLUX_COLUMNS.map((_, i) => (i === 7 ? 'b' : 2))] },
    ] };
    const { meta, batches } = await parse(tob3File({ ...table, frameBytes: 120 }, [minor]));
    expect(records(batches)).toEqual([100, 200]);
    expect(times(batches)).toEqual([10_000, 20_500]);
    expect(scalarSeries(batches, 'Ts').map((p) => p.value)).toEqual([1, 2]);
    expect(meta.attributes).toMatchObject({ minorFrames: 1, validFrames: 1 });
  });

  it('reads a ring-memory file oldest first, from the frame with the lowest record number', async () => {
    // 4 frame slots; records 12-20 overwrote the first three slots on the second lap (complement stamp).
    const frames = [fluxFrame(12, 3, T0, { complement: true }), fluxFrame(15, 3, T0, { complement: true }), fluxFrame(18, 3, T0, { complement: true }), fluxFrame(9, 3, T0)];
    const { meta, batches } = await parse(tob3File({ ...table, ringRecord: 12 }, frames));
    expect(records(batches)).toEqual([9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
    expect(meta.attributes).toMatchObject({ firstFrameRead: 3, recordResets: 0, timeReversals: 0, ringRecord: 12 });
  });

  it('finds where a longer ring file crosses over by the stamp flip, and starts at 0 when it has not wrapped', async () => {
    // 9 slots: slots 0-4 hold lap 3 (normal stamp), slots 5-8 still hold lap 2 (complement).
    const frames = Array.from({ length: 9 }, (_, slot) => (slot < 5 ? fluxFrame(27 + slot * 3, 3, T0) : fluxFrame(slot * 3, 3, T0, { complement: true })));
    const { meta, batches } = await parse(tob3File({ ...table, ringRecord: 27 }, frames));
    expect(meta.attributes.firstFrameRead).toBe(5);
    expect(records(batches)).toEqual(Array.from({ length: 27 }, (_, i) => 15 + i));
    const unwrapped = await parse(tob3File(table, [fluxFrame(0, 3, T0), fluxFrame(3, 3, T0), { kind: 'zero' }]));
    expect(unwrapped.meta.attributes.firstFrameRead).toBe(0);
  });

  it('ignores (and counts) a partial frame at the end, batches rows and skips rows up to afterTimeMs', async () => {
    const frames = Array.from({ length: 10 }, (_, f) => fluxFrame(f * 3, 3, T0));
    const bytes = tob3File(table, frames, Buffer.alloc(50, 7));
    const after = TOB1_EPOCH_MS + T0 * 1000 + 499;
    const { meta, batches } = await parse(bytes, { batchSize: 10, afterTimeMs: after });
    expect(batches.map((b) => b.rows.length)).toEqual([10, 10, 5]);
    expect(meta.attributes).toMatchObject({ partialFrameBytes: 50, skippedRows: 5, rows: 25 });
  });

  it('stores NAN and INF as null, counted', async () => {
    const frame = fluxFrame(0, 2, T0);
    if (frame.kind !== 'full') throw new Error('full frame expected');
    frame.records[0]![5] = Number.NaN;
    frame.records[1]![0] = Number.POSITIVE_INFINITY;
    const { meta, batches } = await parse(tob3File({ ...table, frameBytes: 76 }, [frame]));
    expect(scalarSeries(batches, 'CO2')[0]!.value).toBeNull();
    expect(scalarSeries(batches, 'Ux')[1]!.value).toBeNull();
    expect(meta.attributes).toMatchObject({ nanValues: 1, infValues: 1 });
  });
});

describe('campbell-tob3 hostile input', () => {
  const good = tob3File(table, [fluxFrame(0, 3, T0), fluxFrame(3, 3, T0)]);
  const expectParseError = async (bytes: Buffer, message: RegExp) => {
    const error = await parse(bytes).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ParseError);
    expect((error as Error).message).toMatch(message);
  };
  const withLine = (line: number, text: string) => tob3File({ ...table, lineOverrides: { [line]: text } }, [fluxFrame(0, 3, T0)]);

  it('fails when no frame carries the validation stamp', async () => {
    const otherStamp = Buffer.concat([Buffer.from(tob3Header({ ...table, stamp: 0x1111 }), 'latin1'), tob3Frame(table, fluxFrame(0, 3, T0))]);
    await expectParseError(otherStamp, /none of 1 frames carries the validation stamp 4369 or its complement/);
    await expectParseError(tob3File(table, [{ kind: 'garbage' }, { kind: 'garbage' }]), /none of 2 frames carries the validation stamp/);
  });

  it('rejects impossible and oversized header claims with the header line', async () => {
    const line2 = (fields: string[]) => fields.map((f) => `"${f}"`).join(',');
    await expectParseError(withLine(2, line2(['ts_data', '100 MSEC', '2147483648', '950400', '27185', 'Sec100Usec', '0', '0'])), /line 2: frame size is "2147483648" \(expected a whole number up to 1048576\)/);
    await expectParseError(withLine(2, line2(['ts_data', '100 MSEC', '40', '950400', '27185', 'Sec100Usec', '0', '0'])), /line 2: a 40-byte frame cannot hold one 30-byte record/);
    await expectParseError(withLine(2, line2(['ts_data', '100 MSEC', '108', '950400', '70000', 'Sec100Usec', '0', '0'])), /validation stamp is "70000"/);
    await expectParseError(withLine(2, line2(['ts_data', '0 MSEC', '108', '950400', '27185', 'Sec100Usec', '0', '0'])), /record interval "0 MSEC" is not a positive interval/);
    await expectParseError(withLine(2, line2(['ts_data', 'often', '108', '950400', '27185', 'Sec100Usec', '0', '0'])), /record interval "often"/);
    await expectParseError(withLine(2, line2(['ts_data', '100 MSEC', '108', '950400', '27185', 'Fortnight', '0', '0'])), /frame time resolution "Fortnight"/);
    await expectParseError(withLine(2, line2(['ts_data', '100 MSEC', '108'])), /line 2: expected at least 8 fields/);
    await expectParseError(withLine(6, '"IEEE4","IEEE4","IEEE4","IEEE4","ULONG","FP2","IEEE4B","QUAD"'), /line 6: field 8 \(tag\): unknown data type "QUAD"/);
    await expectParseError(withLine(5, '"Smp"'), /line 5: expected 8 processing/);
    const tob2 = await dir.write('tob2.dat', withLine(1, '"TOB2","x","CR1000","1","os","prog","1","2026-01-01 00:00:00"'));
    await expect(parseTob3(tob2, { fileName: 'tob2.dat' })).rejects.toThrow(/line 1: expected a TOB3 header line starting with "TOB3", found ""TOB2"/);
    await expectParseError(withLine(1, '"TOB3","x"'), /line 1: expected 8 fields/);
    await expectParseError(withLine(3, '"Ux","Uy'), /line 3: a quoted header field is not closed/);
  });

  it('takes a huge intended table size as a number only (nothing is allocated for it)', async () => {
    const line2 = '"ts_data","100 MSEC","108","2147483648","27185","Sec100Usec","0","0","0730014788"';
    const { meta, batches } = await parse(withLine(2, line2));
    expect(meta.attributes.intendedRecords).toBe(2_147_483_648);
    expect(records(batches)).toEqual([0, 1, 2]);
  });

  it('rejects a header cut short at every line', async () => {
    const text = good.toString('latin1');
    let at = -1;
    for (let line = 1; line <= 6; line++) {
      at = text.indexOf('\r\n', at + 1);
      await expectParseError(good.subarray(0, at), /the header ends early: expected 6 header lines/);
    }
    await expectParseError(Buffer.from('"TOB3"'), /line 1: expected 8 fields|header ends early/);
  });

  it('truncated at every byte of the frames: whole frames only, never a crash', async () => {
    const dataStart = good.length - 2 * 108;
    for (let cut = dataStart; cut <= good.length; cut++) {
      const { meta, batches } = await parse(good.subarray(0, cut));
      const whole = Math.floor((cut - dataStart) / 108);
      expect(records(batches)).toHaveLength(whole * 3);
      expect(meta.attributes.partialFrameBytes).toBe((cut - dataStart) % 108);
    }
  });

  it('survives random bit flips in the frames with a result or a ParseError', async () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const dataStart = good.length - 2 * 108;
    for (let trial = 0; trial < 200; trial++) {
      const bytes = Buffer.from(good);
      for (let k = 0; k < 3; k++) { const at = dataStart + Math.floor(random() * 216); bytes[at] = bytes[at]! ^ (1 << Math.floor(random() * 8)); }
      try {
        const { batches } = await parse(bytes);
        expect(records(batches).length).toBeLessThanOrEqual(6 + 2 * 3);
      } catch (error) {
        if (!(error instanceof ParseError)) throw error;
      }
    }
  });

  it('claims TOB3 files only', () => {
    expect(campbellTob3.parserFor('a.dat', good.subarray(0, 64))).not.toBeNull();
    expect(campbellTob3.parserFor('a.dat', Buffer.from('"TOB1","x"'))).toBeNull();
    expect(campbellTob3.parserFor('a.dat', Buffer.from('"TOA5","x"'))).toBeNull();
  });
});
