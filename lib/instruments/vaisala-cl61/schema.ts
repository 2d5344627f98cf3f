// Recognises the two CL61 firmware layouts and validates the skeleton every later step relies on:
// - cl61-2021: dims profile/range/layer; `time` is a plain variable along `profile`; 5 s profiles;
//   no _FillValue attributes; monitoring/diagnostics are attributes of (empty) groups.
// - cl61-2023: dims time/range/layer; `time` is the dimension's coordinate; 60 s profiles; deflate+shuffle;
//   _FillValue everywhere; monitoring/status are groups of datasets with their own `time`.
import { ParseError } from '../types';
import type { DatasetInfo, Hdf5Reader } from './snapshot';
import { fillTestFor } from './values';
import { parseTimeUnits, toTimeMs } from './time';
import { PROFILE_VARIABLES, type Cl61Schema } from './variables';

export interface Cl61Core {
  schema: Cl61Schema;
  /** UTC ms of each profile row; null where the stored time is a fill value. */
  timesMs: (number | null)[];
  rangeM: number[];
  /** Profile variables present in this file, each with the same (time x range) shape as beta_att. */
  profileVariables: { name: string; info: DatasetInfo }[];
}

/**
 * Tells the layouts apart by their dimensions. Deliberately not through HDF5's dimension-scale API
 * (DIMENSION_LIST references): on a damaged file H5DSiterate_scales can loop forever.
 */
export function detectSchema(reader: Hdf5Reader, fileName: string, time: DatasetInfo): Cl61Schema {
  if (time.isDimensionScale) return 'cl61-2023';
  const profile = reader.dataset('profile');
  if (profile?.isDimensionScale) return 'cl61-2021';
  throw new ParseError(
    fileName,
    'unrecognised CL61 layout: `time` is not a dimension (as in 2023 firmware) and there is no `profile` dimension (as in 2021 firmware)',
  );
}

function requireDataset(reader: Hdf5Reader, fileName: string, name: string, what: string): DatasetInfo {
  const info = reader.dataset(name);
  if (!info) throw new ParseError(fileName, `not a CL61 file: variable \`${name}\` (${what}) is missing`);
  if (info.kind === 'other') throw new ParseError(fileName, `variable \`${name}\` (${what}) is not numeric`);
  return info;
}

export function readCore(reader: Hdf5Reader, fileName: string): Cl61Core {
  const betaAtt = requireDataset(reader, fileName, 'beta_att', 'attenuated backscatter profiles');
  const time = requireDataset(reader, fileName, 'time', 'profile times');
  const range = requireDataset(reader, fileName, 'range', 'range gates');
  const schema = detectSchema(reader, fileName, time);

  if (time.shape.length !== 1) throw new ParseError(fileName, `\`time\` should be one-dimensional, found shape [${time.shape.join(', ')}]`);
  const profileCount = time.shape[0] ?? 0;
  if (profileCount === 0) throw new ParseError(fileName, '`time` has no values: the file holds no profiles');
  if (range.shape.length !== 1 || (range.shape[0] ?? 0) === 0) {
    throw new ParseError(fileName, `\`range\` should be a non-empty list of gates, found shape [${range.shape.join(', ')}]`);
  }
  const gateCount = range.shape[0] ?? 0;

  const profileVariables = Object.keys(PROFILE_VARIABLES).flatMap((name) => {
    const info = name === 'beta_att' ? betaAtt : reader.dataset(name);
    if (!info) return [];
    if (info.kind === 'other') throw new ParseError(fileName, `variable \`${name}\` is not numeric`);
    const [rows, gates] = info.shape;
    if (info.shape.length !== 2 || rows !== profileCount || gates !== gateCount) {
      throw new ParseError(
        fileName,
        `shape mismatch: \`${name}\` is [${info.shape.join(', ')}] but \`time\` has ${profileCount} profiles and \`range\` ${gateCount} gates`,
      );
    }
    return [{ name, info }];
  });

  return {
    schema,
    timesMs: readTimes(reader, fileName, 'time', time),
    rangeM: Array.from(reader.readNumbers('range')),
    profileVariables,
  };
}

/** Decodes a time coordinate through its own `units` attribute; fill values become null. */
export function readTimes(reader: Hdf5Reader, fileName: string, path: string, info: DatasetInfo): (number | null)[] {
  const attributes = reader.attributes(path);
  const units = attributes.units;
  if (typeof units !== 'string') {
    throw new ParseError(fileName, `\`${path}\` has no units attribute; expected e.g. "seconds since 1970-01-01 00:00:00"`);
  }
  const parsed = parseTimeUnits(units);
  if (!parsed) throw new ParseError(fileName, `\`${path}\` units "${units}" are not of the form "<unit> since <date>"`);
  const isFill = fillTestFor(info, attributes);
  return Array.from(reader.readNumbers(path), (value) => (isFill(value) ? null : toTimeMs(value, parsed)));
}
