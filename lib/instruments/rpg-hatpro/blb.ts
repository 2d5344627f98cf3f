// BLB: boundary-layer elevation scans. Each record is one scan: for every frequency, the brightness
// temperatures at each scan elevation followed by the surface temperature (the same value repeated per
// frequency), as read by mwrpy `read_blb` and mwr_raw2l1 `BLB`.
//
// Header v2 (567845848): code, n, nFreq, TBmin[nFreq], TBmax[nFreq], timeRef, freq[nFreq], nAng, ang[nAng].
// Header v1 (567845847): code, n, TBmin[14], TBmax[14], timeRef, nFreq, freq[nFreq], nAng, ang[nAng]: the
// min/max arrays come before the channel count, so their length is the manual's fixed 14.
// Record: time (int32), scan flag (uint8), nFreq x (TB[nAng], Tsurface) float32.

import { decodeScanElevation } from './angles';
import type { ProfileTable, ScalarTable } from './batches';
import type { BinaryCursor } from './binary-cursor';
import type { FileCodeInfo } from './file-codes';
import { rainFlag, scanQuadrant } from './flags';
import { LIMITS, listAttribute, readFloat32Axis, readRecordCount, readTimeRef, roundFloat32 } from './header-fields';
import type { FamilyLayout } from './layout';
import { finiteOrNull, readProfileValues } from './missing-values';
import { RAIN_FLAG, UNITS, channelName, profile, scalar } from './variables';

const STREAM = 'hatpro_blb';
const V1_CHANNELS = 14;

export function readBlbLayout(cursor: BinaryCursor, info: FileCodeInfo): FamilyLayout {
  const recordCount = readRecordCount(cursor);
  // v1 states its channel count only after the min/max arrays, which are sized for 14 channels.
  const channels = info.version === 1 ? V1_CHANNELS : cursor.count('frequency count', LIMITS.frequencies);
  cursor.skip(8 * channels, 'per-channel TB minimum and maximum');
  const timeRef = readTimeRef(cursor);
  if (info.version === 1) {
    const at = cursor.offset;
    const stated = cursor.count('frequency count', LIMITS.frequencies);
    if (stated !== V1_CHANNELS) {
      cursor.fail(`v1 BLB headers size TB min/max for ${V1_CHANNELS} channels, but the file says ${stated}`, at);
    }
  }
  const frequencies = readFloat32Axis(cursor, channels, 'frequencies (GHz)');
  const elevationCount = cursor.count('scan elevation count', LIMITS.elevations);
  const elevations = cursor
    .float32List(elevationCount, 'scan elevations')
    .map((value) => roundFloat32(decodeScanElevation(value)));

  const axis = { name: 'elevation_angle', unit: UNITS.degree, values: elevations };
  const scans: ProfileTable[] = frequencies.map((frequency, channel) => ({
    type: 'profiles',
    stream: STREAM,
    variable: profile(channelName('brightness_temperature', frequency, 'GHz'), UNITS.kelvin, axis, {
      frequency_GHz: frequency,
      channel: channel + 1,
    }),
  }));
  const scalars: ScalarTable = {
    type: 'scalars',
    stream: STREAM,
    variables: [
      RAIN_FLAG,
      scalar('scan_quadrant', null, '1 first quadrant, 2 second quadrant, 0 average of both (flag bits 1-2)'),
      scalar('surface_temperature', UNITS.kelvin),
    ],
  };
  return {
    timeRef,
    attributes: { frequencies: listAttribute(frequencies), elevations: listAttribute(elevations) },
    sections: [
      {
        label: 'BLB scan record',
        count: recordCount,
        recordSize: 4 + 1 + 4 * channels * (elevationCount + 1),
        readRecord(record, context) {
          const timeMs = context.timeMs(record.int32('scan time'));
          const flag = record.uint8('scan flag');
          let surfaceTemperature = NaN;
          for (const table of scans) {
            const values = readProfileValues(record, elevationCount, 'scan TB', { zeroIsMissing: true });
            context.out.addProfile(table, timeMs, values);
            const temperature = record.float32('surface temperature');
            if (Number.isNaN(surfaceTemperature)) surfaceTemperature = temperature;
          }
          const flags = [rainFlag(flag), scanQuadrant(flag)];
          context.out.addScalars(scalars, timeMs, [...flags, finiteOrNull(surfaceTemperature)]);
        },
      },
    ],
  };
}
