// The first int32 of every RPG radiometer file names its layout. Codes and versions follow the RPG
// "Instrument Operation and Software Manual" as implemented by actris-cloudnet/mwrpy (level1/rpg_bin.py),
// actris-cloudnet/cloudnetpy (instruments/rpg_reader.py) and MeteoSwiss/mwr_raw2l1 (readers/reader_rpg_base.py).

export type HatproFamily = 'LWP' | 'IWV' | 'BRT' | 'BLB' | 'MET' | 'HKD' | 'IRT' | 'TPC' | 'TPB' | 'HPC';

/**
 * How a record stores its pointing direction:
 * `float`: float32 sign(El)*(|El|+1000*Az), +1e6 when El >= 100 (older firmware);
 * `int`: int32 whose decimal digits are El*100 followed by five digits of Az*100, sign of El (newer firmware).
 */
export type AngleEncoding = 'float' | 'int';

export interface FileCodeInfo {
  code: number;
  family: HatproFamily;
  version: number;
  /** null when the records carry no pointing angle. */
  angles: AngleEncoding | null;
}

const FILE_CODES: readonly FileCodeInfo[] = [
  { code: 934501978, family: 'LWP', version: 1, angles: 'float' },
  { code: 934501000, family: 'LWP', version: 2, angles: 'int' },
  { code: 594811068, family: 'IWV', version: 1, angles: 'float' },
  { code: 594811000, family: 'IWV', version: 2, angles: 'int' },
  // 666667/667000 share the BRT layout (mwrpy reads them as spectrometer "SPC" files with the same reader).
  { code: 666666, family: 'BRT', version: 1, angles: 'float' },
  { code: 666667, family: 'BRT', version: 1, angles: 'float' },
  { code: 666000, family: 'BRT', version: 2, angles: 'int' },
  { code: 667000, family: 'BRT', version: 2, angles: 'int' },
  { code: 567845847, family: 'BLB', version: 1, angles: null },
  { code: 567845848, family: 'BLB', version: 2, angles: null },
  { code: 599658943, family: 'MET', version: 1, angles: null },
  { code: 599658944, family: 'MET', version: 2, angles: null },
  { code: 837854832, family: 'HKD', version: 1, angles: null },
  // IRT numbering follows mwrpy: v1 has one channel and no angle, v2 float angles, v3 integer angles.
  { code: 671112495, family: 'IRT', version: 1, angles: null },
  { code: 671112496, family: 'IRT', version: 2, angles: 'float' },
  { code: 671112000, family: 'IRT', version: 3, angles: 'int' },
  { code: 780798065, family: 'TPC', version: 1, angles: null },
  { code: 459769847, family: 'TPB', version: 1, angles: null },
  // HPC v1 holds absolute humidity only; v2 appends a relative-humidity block after it.
  { code: 117343672, family: 'HPC', version: 1, angles: null },
  { code: 117343673, family: 'HPC', version: 2, angles: null },
];

const BY_CODE = new Map(FILE_CODES.map((info) => [info.code, info]));

export function lookupFileCode(code: number): FileCodeInfo | undefined {
  return BY_CODE.get(code);
}

/** For error messages: every code this module reads, grouped by family. */
export function describeKnownFileCodes(): string {
  const byFamily = new Map<HatproFamily, number[]>();
  for (const info of FILE_CODES) byFamily.set(info.family, [...(byFamily.get(info.family) ?? []), info.code]);
  return [...byFamily].map(([family, codes]) => `${family} ${codes.join('/')}`).join(', ');
}
