// Missing values, and aligning variables that share the unlimited time dimension.
import type { AttributeValue, DatasetInfo, Numbers } from './snapshot';

/** True when a stored value means "no data". */
export type FillTest = (value: number) => boolean;

/**
 * netCDF's default fill values (netcdf.h NC_FILL_*). They apply when a variable has no `_FillValue`
 * attribute, as in the 2021 firmware's files; 2023 files carry `_FillValue` on every variable.
 */
function netcdfDefaultFill(info: DatasetInfo): number {
  if (info.kind === 'float') return 9.969209968386869e36;
  const defaults: Record<number, [signed: number, unsigned: number]> = {
    1: [-127, 255],
    2: [-32767, 65535],
    4: [-2147483647, 4294967295],
    8: [-9223372036854775806, 18446744073709551614],
  };
  const pair = defaults[info.bytes] ?? [Number.NaN, Number.NaN];
  return info.signed ? pair[0] : pair[1];
}

/** -99 and -999 are the CL61's "no cloud / not computed" markers, even where `_FillValue` says only one. */
const CLOUD_FILLS = new Set([-99, -999]);

export function fillTestFor(info: DatasetInfo, attributes: Record<string, AttributeValue>, cloudFill = false): FillTest {
  const declared = [attributes._FillValue, attributes.missing_value].flatMap((value) =>
    typeof value === 'number' ? [value] : Array.isArray(value) ? value : [],
  );
  const fills = new Set(declared.length > 0 ? declared : [netcdfDefaultFill(info)]);
  if (cloudFill) for (const value of CLOUD_FILLS) fills.add(value);
  // Float32 data is compared in float32: the default fill 9.969e36 is not exactly representable.
  const asStored = info.kind === 'float' && info.bytes === 4 ? Math.fround : (value: number) => value;
  const storedFills = new Set([...fills].map(asStored));
  return (value) => Number.isNaN(value) || storedFills.has(value);
}

/**
 * One series of `rowCount` values from a (stored rows x width) variable, taking element `column` of each row.
 * Rows beyond those stored are null: netCDF variables on an unlimited dimension may hold fewer rows than
 * the dimension (cloud_base_heights often does), and the missing tail is fill, not a shift.
 */
export function seriesFrom(raw: Numbers, storedRows: number, width: number, column: number, rowCount: number, isFill: FillTest): (number | null)[] {
  const series: (number | null)[] = new Array(rowCount).fill(null);
  for (let row = 0; row < Math.min(storedRows, rowCount); row++) {
    const value = raw[row * width + column];
    series[row] = value === undefined || isFill(value) ? null : value;
  }
  return series;
}

/** Copies one profile row into a Float32Array with NaN for missing gates. */
export function profileRow(raw: Numbers, offset: number, gates: number, isFill: FillTest): Float32Array {
  const row = new Float32Array(gates);
  for (let gate = 0; gate < gates; gate++) {
    const value = raw[offset + gate] as number;
    row[gate] = isFill(value) ? Number.NaN : value;
  }
  return row;
}
