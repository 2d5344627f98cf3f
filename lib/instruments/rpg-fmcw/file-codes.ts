// The first int32 of an RPG FMCW cloud-radar file names its level and layout version. Codes follow the RPG
// "FMCW radar software manual" as implemented by actris-cloudnet/rpgpy (`utils.get_rpg_file_type`): the
// 1889xxx codes are the "consistency checked" files of newer software, same layout as their 889xxx twins.

export interface FmcwFileCode {
  code: number;
  /** 0: Doppler spectra; 1: moments (reflectivity, velocity, width, ...). Only level 1 is ingested. */
  level: 0 | 1;
  /** Layout version: 1.0 and 2.0 lack the start/stop times and processing flags of 3.5 and 4.0. */
  version: 1 | 2 | 3.5 | 4;
  consistencyChecked: boolean;
}

const CODES: readonly FmcwFileCode[] = [
  { code: 789345, level: 1, version: 1, consistencyChecked: false },
  { code: 789347, level: 1, version: 2, consistencyChecked: false },
  { code: 889347, level: 1, version: 3.5, consistencyChecked: false },
  { code: 889348, level: 1, version: 4, consistencyChecked: false },
  { code: 1889347, level: 1, version: 3.5, consistencyChecked: true },
  { code: 1889348, level: 1, version: 4, consistencyChecked: true },
  { code: 789346, level: 0, version: 2, consistencyChecked: false },
  { code: 889346, level: 0, version: 3.5, consistencyChecked: false },
  { code: 1889346, level: 0, version: 3.5, consistencyChecked: true },
];

const BY_CODE = new Map(CODES.map((info) => [info.code, info]));

export function lookupFmcwFileCode(code: number): FmcwFileCode | undefined {
  return BY_CODE.get(code);
}

export function describeLevel1Codes(): string {
  return CODES.filter((info) => info.level === 1)
    .map((info) => `${info.code} (v${info.version})`)
    .join(', ');
}
