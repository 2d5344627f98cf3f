// TPC (full-troposphere, zenith) and TPB (boundary-layer, from elevation scans) temperature profiles.
//
// Header: code, n, min, max (float32 K), timeRef, retrieval, nAlt (int32), altitudes[nAlt] (int32 m).
// Record: time (int32), flag (uint8, rain + quality as in LWP), T[nAlt] (float32 K).

import type { ProfileTable, ScalarTable } from './batches';
import type { BinaryCursor } from './binary-cursor';
import type { FileCodeInfo } from './file-codes';
import { qualityValues } from './flags';
import { float32Attribute, listAttribute, readAltitudeHeader } from './header-fields';
import type { FamilyLayout, RecordSection } from './layout';
import { readProfileValues } from './missing-values';
import { QUALITY_VARIABLES, UNITS, profile } from './variables';
import type { VariableMeta } from '../types';

export function readTpcTpbLayout(cursor: BinaryCursor, info: FileCodeInfo): FamilyLayout {
  const header = readAltitudeHeader(cursor);
  const stream = info.family === 'TPC' ? 'hatpro_tpc' : 'hatpro_tpb';
  const temperature = altitudeProfile('temperature', UNITS.kelvin, header.altitudes);
  return {
    timeRef: header.timeRef,
    attributes: altitudeAttributes(header),
    sections: [altitudeSection(`${info.family} record`, stream, temperature, header.recordCount, { withFlags: true })],
  };
}

export function altitudeProfile(name: string, unit: string, altitudes: number[]): VariableMeta {
  return profile(name, unit, { name: 'altitude', unit: UNITS.metre, values: altitudes });
}

export function altitudeAttributes(header: ReturnType<typeof readAltitudeHeader>) {
  return {
    ...header.retrieval,
    valueMin: float32Attribute(header.valueMin),
    valueMax: float32Attribute(header.valueMax),
    altitudes: listAttribute(header.altitudes),
  };
}

/**
 * One block of profile records. `withFlags` emits the decoded flag byte as scalars; HPC's second block
 * (relative humidity) repeats the times and flags of the first, so it does not emit them twice.
 */
export function altitudeSection(
  label: string,
  stream: string,
  variable: VariableMeta,
  count: number,
  options: { withFlags: boolean; preambleSize?: number },
): RecordSection {
  const levels = variable.axis?.values.length ?? 0;
  const profiles: ProfileTable = { type: 'profiles', stream, variable };
  const flags: ScalarTable = { type: 'scalars', stream, variables: QUALITY_VARIABLES };
  return {
    label,
    count,
    recordSize: 4 + 1 + 4 * levels,
    ...(options.preambleSize ? { preambleSize: options.preambleSize } : {}),
    readRecord(record, context) {
      const timeMs = context.timeMs(record.int32('record time'));
      const flag = record.uint8('record flag');
      context.out.addProfile(profiles, timeMs, readProfileValues(record, levels, `${variable.name} value`));
      if (options.withFlags) context.out.addScalars(flags, timeMs, qualityValues(flag));
    },
  };
}
