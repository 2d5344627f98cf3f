// The small pure pieces: CF time units, the HDF5 header check, fill values and padding, HDF5 error text.
import { describe, expect, it } from 'vitest';
import { ParseError } from '../../../../lib/instruments/types';
import { summarizeHdf5Error } from '../../../../lib/instruments/vaisala-cl61/hdf5';
import type { DatasetInfo } from '../../../../lib/instruments/vaisala-cl61/snapshot';
import { checkHeader, hasHdf5Signature } from '../../../../lib/instruments/vaisala-cl61/superblock';
import { parseTimeUnits, toTimeMs } from '../../../../lib/instruments/vaisala-cl61/time';
import { fillTestFor, seriesFrom } from '../../../../lib/instruments/vaisala-cl61/values';

describe('CF time units', () => {
  it('decodes the CL61 units and keeps whole milliseconds exact', () => {
    const units = parseTimeUnits('seconds since 1970-01-01 00:00:00.000');
    expect(units).toEqual({ msPerUnit: 1000, epochMs: 0 });
    expect(toTimeMs(1630195160.708, units!)).toBe(Date.UTC(2021, 7, 28, 23, 59, 20, 708));
    expect(toTimeMs(1690675585.923, units!)).toBe(Date.UTC(2023, 6, 30, 0, 6, 25, 923));
  });

  it('honours other units, epochs and zones instead of assuming', () => {
    expect(toTimeMs(1.5, parseTimeUnits('days since 2000-01-01')!)).toBe(Date.UTC(2000, 0, 2, 12));
    expect(toTimeMs(2, parseTimeUnits('hours since 2021-08-29T06:30:00Z')!)).toBe(Date.UTC(2021, 7, 29, 8, 30));
    expect(toTimeMs(0, parseTimeUnits('minutes since 2021-08-29 02:00:00 +02:00')!)).toBe(Date.UTC(2021, 7, 29, 0, 0));
    expect(toTimeMs(250, parseTimeUnits('milliseconds since 2021-08-29 00:00:00.5')!)).toBe(Date.UTC(2021, 7, 29, 0, 0, 0, 750));
  });

  it('rejects what is not "<unit> since <date>"', () => {
    for (const units of ['seconds', 'fortnights since 1970-01-01', 'seconds after 1970-01-01', 'm', '']) {
      expect(parseTimeUnits(units), units).toBeNull();
    }
  });
});

describe('HDF5 header check', () => {
  const signature = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];
  /** Superblock v0 with 8-byte offsets, base address 0 and the given end-of-file address. */
  function superblockV0(eof: number): Uint8Array {
    const head = new Uint8Array(64);
    head.set(signature);
    head[13] = 8; // size of offsets
    head[14] = 8; // size of lengths
    new DataView(head.buffer).setBigUint64(40, BigInt(eof), true);
    return head;
  }
  /** Superblock v2 (as h5wasm writes): offsets size at byte 9, end-of-file address at 28. */
  function superblockV2(eof: number): Uint8Array {
    const head = new Uint8Array(64);
    head.set(signature);
    head[8] = 2;
    head[9] = 8;
    head[10] = 8;
    new DataView(head.buffer).setBigUint64(28, BigInt(eof), true);
    return head;
  }

  it('accepts a complete file and a file longer than its superblock says', () => {
    expect(hasHdf5Signature(superblockV0(1000))).toBe(true);
    expect(() => checkHeader(superblockV0(1000), 1000, 'a.nc')).not.toThrow();
    expect(() => checkHeader(superblockV2(1000), 4096, 'a.nc')).not.toThrow();
  });

  it('reports truncation with the byte offset where the file ends', () => {
    const error = (() => {
      try {
        checkHeader(superblockV2(466301), 100000, 'cut.nc');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ParseError);
    expect((error as ParseError).byteOffset).toBe(100000);
    expect((error as ParseError).message).toBe('cut.nc: byte 100000: file is truncated: 100000 bytes on disk, its HDF5 superblock says 466301');
  });

  it('leaves superblock versions it does not know to HDF5', () => {
    const head = superblockV0(10 ** 9);
    head[8] = 9;
    expect(() => checkHeader(head, 64, 'future.nc')).not.toThrow();
  });
});

describe('fill values and padding', () => {
  const float32: DatasetInfo = { shape: [3], kind: 'float', bytes: 4, signed: true, unlimited: true, isDimensionScale: false };
  const int32: DatasetInfo = { ...float32, kind: 'integer' };

  it('uses _FillValue when present, netCDF default fills otherwise', () => {
    expect(fillTestFor(float32, { _FillValue: -999 })(-999)).toBe(true);
    expect(fillTestFor(float32, { _FillValue: -999 })(Math.fround(9.969209968386869e36))).toBe(false);
    expect(fillTestFor(float32, {})(Math.fround(9.969209968386869e36))).toBe(true);
    expect(fillTestFor(float32, {})(Number.NaN)).toBe(true);
    expect(fillTestFor(int32, {})(-2147483647)).toBe(true);
    expect(fillTestFor(int32, {})(-99)).toBe(false);
  });

  it('adds -99 and -999 for cloud variables', () => {
    const isFill = fillTestFor(int32, { _FillValue: -99 }, true);
    expect([-99, -999, 0, 91].map(isFill)).toEqual([true, true, false, false]);
  });

  it('takes one column of a (rows x width) variable and pads missing rows with null', () => {
    const stored = [91, -99, 96, 1200]; // 2 stored rows x 2 layers
    const isFill = fillTestFor(int32, { _FillValue: -99 }, true);
    expect(seriesFrom(stored, 2, 2, 0, 4, isFill)).toEqual([91, 96, null, null]);
    expect(seriesFrom(stored, 2, 2, 1, 4, isFill)).toEqual([null, 1200, null, null]);
  });
});

describe('HDF5 error text', () => {
  it('keeps what failed and why, drops the source paths', () => {
    const message = [
      'HDF5-DIAG: Error detected in HDF5 (2.0.0):',
      '  #000: /src/H5F.c line 821 in H5Fopen(): unable to synchronously open file',
      '    major: File accessibility',
      '  #001: /src/H5Fsuper.c line 577 in H5F__super_read(): truncated file: eof = 100000, stored_eof = 466301',
      '    minor: File has been truncated',
    ].join('\n');
    expect(summarizeHdf5Error(message)).toBe('unable to synchronously open file (truncated file: eof = 100000, stored_eof = 466301)');
  });
});
