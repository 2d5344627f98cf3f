// The netCDF-3 classic header writer, read back with netcdfjs (an independent reader of the format), with
// records written the way the export has PostgreSQL write them (float8send: big-endian doubles, NaN for
// missing); test/api/partner-api.test.ts reads a whole export made by the database.
import { NetCDFReader } from 'netcdfjs';
import { describe, expect, it } from 'vitest';
import { netcdfHeader, netcdfName } from '../../lib/api/netcdf3';

function netcdfRecords(rows: (number | null)[][]): Buffer {
  const out = Buffer.alloc(rows.reduce((n, row) => n + row.length * 8, 0));
  let offset = 0;
  for (const row of rows) for (const value of row) offset = out.writeDoubleBE(value ?? Number.NaN, offset);
  return out;
}

function file(rows: (number | null)[][], names = ['a', 'b']) {
  const header = netcdfHeader({
    numrecs: rows.length,
    globalAttributes: { title: 'Test — ünïcode', instrument: 'x', feed_completeness: 0.5 },
    variables: [
      { name: 'time', attributes: { units: 'seconds since 1970-01-01 00:00:00 UTC', standard_name: 'time', calendar: 'standard' } },
      ...names.map((n) => ({ name: n, attributes: { units: 'degC', _FillValue: Number.NaN } })),
    ],
  });
  return Buffer.concat([header, netcdfRecords(rows)]);
}

describe('netCDF-3 classic writer', () => {
  it('writes records that netcdfjs reads back exactly, with attributes and NaN for missing values', () => {
    const rows = [[1_767_225_600.1, 1.5, null], [1_767_225_600.2, -0.000123, 2e300], [1_767_225_600.3, null, -7]];
    const reader = new NetCDFReader(file(rows));
    expect(reader.version).toBe('classic format');
    expect(reader.recordDimension.length).toBe(3);
    expect(reader.getDataVariable('time')).toEqual([1_767_225_600.1, 1_767_225_600.2, 1_767_225_600.3]);
    expect(reader.getDataVariable('a')).toEqual([1.5, -0.000123, Number.NaN]);
    expect(reader.getDataVariable('b')).toEqual([Number.NaN, 2e300, -7]);
    // NC_CHAR holds bytes; netcdfjs shows each as a character, so decode them as the UTF-8 we wrote.
    expect(Buffer.from(String(reader.getAttribute('title')), 'latin1').toString('utf8')).toBe('Test — ünïcode');
    expect(reader.getAttribute('feed_completeness')).toBe(0.5);
    const time = reader.variables.find((v) => v.name === 'time')!;
    // netcdfjs types variable attributes as [], though it fills them in.
    expect((time.attributes as { name: string; value: unknown }[]).find((a) => a.name === 'units')?.value).toBe('seconds since 1970-01-01 00:00:00 UTC');
    expect(time.record).toBe(true);
  });

  it('writes a valid file with no records', () => {
    const reader = new NetCDFReader(file([]));
    expect(reader.recordDimension.length).toBe(0);
    expect(reader.variables.map((v) => v.name)).toEqual(['time', 'a', 'b']);
  });

  it('handles many variables with names of odd lengths (padding)', () => {
    const names = Array.from({ length: 13 }, (_, i) => 'v'.repeat(i + 1));
    const rows = [[0, ...names.map((_, i) => i)], [1, ...names.map((_, i) => -i)]];
    const reader = new NetCDFReader(file(rows, names));
    names.forEach((n, i) => expect(reader.getDataVariable(n)).toEqual([i, -i]));
  });

  it('refuses record counts the classic format cannot hold, and duplicate names', () => {
    expect(() => netcdfHeader({ numrecs: 2 ** 31, globalAttributes: {}, variables: [] })).toThrow(/at most/);
    expect(() => netcdfHeader({ numrecs: -1, globalAttributes: {}, variables: [] })).toThrow(/at most/);
    expect(() => netcdfHeader({ numrecs: 0, globalAttributes: {}, variables: [{ name: 'a', attributes: {} }, { name: 'a', attributes: {} }] })).toThrow(/duplicate/);
  });

  it('makes hostile variable names into legal netCDF names', () => {
    expect(netcdfName('AirTC_Avg')).toBe('AirTC_Avg');
    expect(netcdfName('1st')).toBe('_1st');
    expect(netcdfName("x'; DROP TABLE observations;--")).toBe('x___DROP_TABLE_observations_--');
    expect(netcdfName('a/b c')).toBe('a_b_c');
  });
});
