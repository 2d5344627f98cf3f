// Header fields shared by several families, each checked as it is read: a garbage file usually fails here,
// at the first field with an impossible value, rather than producing nonsense rows.

import type { BinaryCursor } from './binary-cursor';

/**
 * Generous ceilings on header counts. Real HATPRO files have 14 frequencies, ~10 scan elevations, one or two
 * IR channels and under 100 retrieval altitudes; the limits only stop hostile headers from sizing arrays.
 */
export const LIMITS = {
  records: { min: 0, max: 0x7fffffff },
  frequencies: { min: 1, max: 256 },
  elevations: { min: 1, max: 256 },
  wavelengths: { min: 1, max: 64 },
  altitudes: { min: 1, max: 2048 },
} as const;

export function readRecordCount(cursor: BinaryCursor): number {
  return cursor.count('record count', LIMITS.records);
}

/** 1 = UTC, 0 = local time of the instrument PC; anything else means we are not reading an RPG header. */
export function readTimeRef(cursor: BinaryCursor): number {
  const at = cursor.offset;
  const timeRef = cursor.int32('time reference');
  if (timeRef !== 0 && timeRef !== 1) cursor.fail(`expected time reference 0 (local) or 1 (UTC), found ${timeRef}`, at);
  return timeRef;
}

const RETRIEVAL_METHODS = ['linear regression', 'quadratic regression', 'neural network'];

export function readRetrieval(cursor: BinaryCursor): Record<string, string | number> {
  const retrieval = cursor.int32('retrieval method');
  const method = RETRIEVAL_METHODS[retrieval];
  return method ? { retrieval, retrievalMethod: method } : { retrieval };
}

/** Header lists are kept on the ledger row as comma-separated text (attributes are scalars). */
export function listAttribute(values: readonly number[]): string {
  return values.map((value) => String(value)).join(',');
}

/** Header floats are float32: seven significant digits say all they hold (22.24, not 22.239999771118164). */
export function roundFloat32(value: number): number {
  return Number.isFinite(value) ? Number(value.toPrecision(7)) : NaN;
}

export function float32Attribute(value: number): number | null {
  return Number.isFinite(value) ? roundFloat32(value) : null;
}

/** A header list of float32 values (frequencies, wavelengths, elevations), rounded as above. */
export function readFloat32Axis(cursor: BinaryCursor, count: number, what: string): number[] {
  return cursor.float32List(count, what).map(roundFloat32);
}

/** The header of retrieved profiles (TPC, TPB, HPC): range, time reference, retrieval and altitude grid. */
export function readAltitudeHeader(cursor: BinaryCursor) {
  const recordCount = readRecordCount(cursor);
  const valueMin = cursor.float32('minimum value');
  const valueMax = cursor.float32('maximum value');
  const timeRef = readTimeRef(cursor);
  const retrieval = readRetrieval(cursor);
  const altitudeCount = cursor.count('altitude count', LIMITS.altitudes);
  const altitudes = cursor.int32List(altitudeCount, 'altitude levels (int32 m)');
  return { recordCount, valueMin, valueMax, timeRef, retrieval, altitudes };
}
