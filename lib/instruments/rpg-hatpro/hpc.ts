// HPC: humidity profiles. The header is TPC's. v1 (117343672) holds absolute humidity (g m-3) only; v2
// (117343673) follows the absolute-humidity records with RHmin, RHmax (float32) and a second block of n
// records (time, flag, RH[nAlt] in %), as read by pablosaa/HATPRO-DABINIO and the RPG manual.

import type { BinaryCursor } from './binary-cursor';
import type { FileCodeInfo } from './file-codes';
import { readAltitudeHeader } from './header-fields';
import type { FamilyLayout } from './layout';
import { altitudeAttributes, altitudeProfile, altitudeSection } from './tpc-tpb';
import { UNITS } from './variables';

const STREAM = 'hatpro_hpc';

export function readHpcLayout(cursor: BinaryCursor, info: FileCodeInfo): FamilyLayout {
  const header = readAltitudeHeader(cursor);
  const absolute = altitudeProfile('absolute_humidity', UNITS.absoluteHumidity, header.altitudes);
  const sections = [
    altitudeSection('HPC absolute-humidity record', STREAM, absolute, header.recordCount, { withFlags: true }),
  ];
  if (info.version >= 2) {
    const relative = altitudeProfile('relative_humidity', UNITS.percent, header.altitudes);
    sections.push(
      altitudeSection('HPC relative-humidity record', STREAM, relative, header.recordCount, {
        withFlags: false,
        preambleSize: 8,
      }),
    );
  }
  return { timeRef: header.timeRef, attributes: altitudeAttributes(header), sections };
}
