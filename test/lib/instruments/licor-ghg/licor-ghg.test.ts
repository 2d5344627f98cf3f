import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { licorGhg } from '../../../../lib/instruments/licor-ghg';
import { ParseError } from '../../../../lib/instruments/types';
import { type FixtureDir, makeFixtureDir, parseFixture, scalarSeries } from '../../../helpers/fixtures/hatpro';
import { ghgArchive, ghgDataLine, ghgDataText, ghgMetadataText, ghgRecords, withChecksum, zipArchive } from '../../../helpers/fixtures/licor-ghg';

let dir: FixtureDir;
beforeAll(async () => {
  dir = await makeFixtureDir();
});
afterAll(() => dir.cleanup());

const start = Date.UTC(2026, 10, 20, 11, 0, 0);
const parse = (bytes: Buffer, options = {}) => parseFixture(licorGhg, dir, '2026-11-20T120000_AIU-0001.ghg', bytes, options);
const values = (batches: Awaited<ReturnType<typeof parse>>['batches'], name: string) => scalarSeries(batches, name).map((p) => p.value);

describe('licor-ghg parser', () => {
  it('reads UTC time from Seconds + Nanoseconds, the sequence number, values and their units', async () => {
    const { meta, batches } = await parse(ghgArchive(ghgDataText(ghgRecords(start, 5))));
    const series = scalarSeries(batches, 'CO2 (umol/mol)');
    expect(series.map((p) => p.timeMs - start)).toEqual([0, 50, 100, 150, 200]);
    expect(series.map((p) => p.value)).toEqual([400, 400.01, 400.02, 400.03, 400.04]);
    expect(batches[0]!.type === 'scalars' && batches[0]!.rows.map((r) => r.record)).toEqual([1000, 1015, 1030, 1045, 1060]);
    const batch = batches[0]!;
    if (batch.type !== 'scalars') throw new Error('expected scalars');
    expect(batch.stream).toBe('ghg');
    expect(batch.variables.map((v) => [v.name, v.unit])).toEqual([
      ['Diagnostic Value', null], ['CO2 (umol/mol)', 'umol/mol'], ['H2O (mmol/mol)', 'mmol/mol'], ['Aux 3 - W (m/s)', 'm/s'], ['Average Signal Strength', null],
    ]);
    expect(batch.variables[1]!.attributes).toEqual({ eddyproVariable: 'co2', measureType: 'mole_fraction', nominalTimelagS: '0.25' });
    expect(batch.variables[3]!.attributes).toEqual({ eddyproVariable: 'w', instrument: 'hs_50_1' });
    expect(meta.attributes).toMatchObject({
      'Site.latitude': '51.1', 'Timing.acquisition_frequency': '20.0', 'Instruments.instr_2_sn': '72H-0001', 'FileDescription.header_rows': '8',
      'data.Model': 'LI-7200 Enclosed CO2/H2O Analyzer', 'data.Timezone': 'Europe/Berlin', rows: 5, badChecksumLines: 0, localClockOffsetMinutes: 60,
    });
    expect(Object.keys(meta.attributes).some((key) => key.includes('col_'))).toBe(false);
  });

  it('stores nan as null, skips records failing their CHK and stray lines, counting both', async () => {
    const records = ghgRecords(start, 8);
    records[1]!.values[1] = 'nan';
    const lines = records.map(ghgDataLine);
    lines[2] = lines[2]!.replace(/\t\d+$/, (chk) => `\t${(Number(chk.slice(1)) + 1) % 256}`);
    lines[3] = lines[3]!.slice(0, 30);
    lines[4] = 'garbage from the serial line';
    lines.push(withChecksum(['DIAG', '8191', 'ok']));
    const data = ghgDataText([]) + lines.join('\n') + '\n';
    const { meta, batches } = await parse(ghgArchive(data));
    expect(values(batches, 'CO2 (umol/mol)')).toEqual([400, null, 400.05, 400.06, 400.07]);
    expect(meta.attributes).toMatchObject({ rows: 5, badChecksumLines: 3, otherRecordLines: 1, nanValues: 1 });
  });

  it('fails when checksum failures are not a small minority', async () => {
    const lines = ghgRecords(start, 4).map((r) => ghgDataLine(r).replace(/\t\d+$/, '\t999'));
    await expect(parse(ghgArchive(ghgDataText(ghgRecords(start - 1000, 1)) + lines.join('\n')))).rejects.toThrow(/4 of 5 records fail their CHK checksum/);
  });

  it('batches rows, skips rows up to afterTimeMs, reads stored members and lists biomet members', async () => {
    const data = ghgDataText(ghgRecords(start, 25));
    const bytes = zipArchive([
      { name: 'a.data', bytes: Buffer.from(data), deflate: false },
      { name: 'a.metadata', bytes: Buffer.from(ghgMetadataText()), deflate: false },
      { name: 'a-biomet.data', bytes: Buffer.from('DATAH\tDATE\n') },
    ]);
    const { meta, batches } = await parse(bytes, { batchSize: 10, afterTimeMs: start + 200 });
    expect(batches.map((b) => b.rows.length)).toEqual([10, 10]);
    expect(meta.attributes).toMatchObject({ rows: 20, skippedRows: 5, otherMembers: 'a-biomet.data', dataMember: 'a.data' });
  });
});

describe('licor-ghg hostile input', () => {
  const data = ghgDataText(ghgRecords(start, 40));
  const good = ghgArchive(data);
  const expectParseError = async (bytes: Buffer, message: RegExp) => {
    const error = await parse(bytes).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ParseError);
    expect((error as Error).message).toMatch(message);
  };

  it('rejects a zip without the members, with too many, or with a second .data', async () => {
    await expectParseError(zipArchive([{ name: 'a.data', bytes: Buffer.from(data) }]), /expected one \.data and one \.metadata member, found a\.data/);
    const many = Array.from({ length: 65 }, (_, i) => ({ name: `m${i}.txt`, bytes: Buffer.from('x') }));
    await expectParseError(zipArchive(many), /lists 65 members/);
    await expectParseError(ghgArchive(data, { extra: [{ name: 'b.data', bytes: Buffer.from(data) }] }), /expected one \.data/);
  });

  it('rejects oversized size claims before inflating, and members whose size or CRC-32 lies', async () => {
    await expectParseError(ghgArchive(data, { metadata: ';GHG_METADATA\n' }), /no settings/);
    const bigMeta = zipArchive([
      { name: 'a.data', bytes: Buffer.from(data) },
      { name: 'a.metadata', bytes: Buffer.from(ghgMetadataText()), uncompressedSize: 2 * 1024 * 1024 },
    ]);
    await expectParseError(bigMeta, /a\.metadata claims 2097152 bytes \(expected at most 1048576\)/);
    const bigData = zipArchive([
      { name: 'a.data', bytes: Buffer.from(data), uncompressedSize: 0xf000_0000 },
      { name: 'a.metadata', bytes: Buffer.from(ghgMetadataText()) },
    ]);
    await expectParseError(bigData, /a\.data claims 4026531840 bytes/);
    const lyingSize = zipArchive([
      { name: 'a.data', bytes: Buffer.from(data), uncompressedSize: 100 },
      { name: 'a.metadata', bytes: Buffer.from(ghgMetadataText()) },
    ]);
    await expectParseError(lyingSize, /a\.data holds more than 100 bytes, not the 100 its directory entry claims/);
    const shortMember = zipArchive([
      { name: 'a.data', bytes: Buffer.from(data), uncompressedSize: data.length + 10 },
      { name: 'a.metadata', bytes: Buffer.from(ghgMetadataText()) },
    ]);
    await expectParseError(shortMember, new RegExp(`a\\.data holds ${data.length} bytes, not the ${data.length + 10}`));
    const badCrc = zipArchive([
      { name: 'a.data', bytes: Buffer.from(data), crc32: 12345 },
      { name: 'a.metadata', bytes: Buffer.from(ghgMetadataText()) },
    ]);
    await expectParseError(badCrc, /a\.data fails its CRC-32 check/);
  });

  it('rejects corrupt compressed data', async () => {
    const bytes = Buffer.from(good);
    for (let i = 200; i < 260; i++) bytes[i] = bytes[i]! ^ 0x5a;
    await expectParseError(bytes, /not a readable|CRC-32|fail their CHK|expected/);
  });

  it('rejects a broken header, DATAH line or value', async () => {
    await expectParseError(ghgArchive(data.replace('DATAH\tSeconds', 'DATAH\tSecs')), /in the DATAH line: no Seconds column/);
    await expectParseError(ghgArchive(data.replace(/DATAH[^\n]*\n/, '')), /expected a "Key:<tab>value" header line or the DATAH line/);
    await expectParseError(ghgArchive(ghgDataText([]).replace('DATAH', '\u0000\u0001garbage')), /line 8: expected a "Key:<tab>value"/);
    await expectParseError(ghgArchive('Model:\tx\n'), /has no DATAH line/);
    await expectParseError(ghgArchive(data, { metadata: '[Site]\nthis is not ini\n' }), /metadata line 2: expected \[Section\] or key=value/);
    const badValue = withChecksum(['DATA', String(start / 1000), '0', '1', '8191', '2026-11-20', '12:00:00:000', '0x10', '6', '0', '100']);
    await expectParseError(ghgArchive(ghgDataText([]) + badValue + '\n'), /line 9: column 7 \(CO2 \(umol\/mol\)\) is "0x10" \(expected a number\)/);
    for (const junk of ['', ' ', '0b11', '0o7', 'Infinity', '1,5']) {
      const line = withChecksum(['DATA', String(start / 1000), '0', '1', '8191', '2026-11-20', '12:00:00:000', junk, '6', '0', '100']);
      await expectParseError(ghgArchive(ghgDataText([]) + line + '\n'), /line 9: column 7 \(CO2 \(umol\/mol\)\) is ".*" \(expected a number\)/);
    }
    const badTime = withChecksum(['DATA', '-5', '0', '1', '8191', '2026-11-20', '12:00:00:000', '400', '6', '0', '100']);
    await expectParseError(ghgArchive(ghgDataText([]) + badTime + '\n'), /Seconds is "-5"/);
    const badNs = withChecksum(['DATA', String(start / 1000), '1000000000', '1', '8191', '2026-11-20', '12:00:00:000', '400', '6', '0', '100']);
    await expectParseError(ghgArchive(ghgDataText([]) + badNs + '\n'), /Nanoseconds is "1000000000"/);
    const manyColumns = `DATAH\tSeconds\tNanoseconds\t${Array.from({ length: 2000 }, (_, i) => `c${i}`).join('\t')}`;
    await expectParseError(ghgArchive(`${manyColumns}\n`), /2003 columns \(expected at most 1000\)/);
  });

  it('truncated anywhere: a ParseError, never a crash or a partial success', async () => {
    for (let cut = 4; cut < good.length; cut += Math.max(1, Math.floor(good.length / 150))) {
      const error = await parse(good.subarray(0, cut)).catch((e: unknown) => e);
      if (!(error instanceof ParseError)) throw new Error(`cut at ${cut}: ${String(error)}`);
    }
  });

  it('claims zip files only', () => {
    expect(licorGhg.parserFor('a.ghg', good.subarray(0, 64))).not.toBeNull();
    expect(licorGhg.parserFor('a.ghg', Buffer.from('DATAH\t'))).toBeNull();
  });
});
