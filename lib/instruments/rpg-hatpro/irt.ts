// IRT: infrared radiometer sky temperatures (degC), per mwrpy `read_irt` and mwr_raw2l1 `IRT`.
//
// Header: code, n, min, max (float32), timeRef; v2/v3 add nWavelengths (int32) and wavelengths[n] (float32 um).
// Record: time, rain flag, IRT[n] (float32 degC); v2 adds a float32 pointing angle, v3 an int32 one.
// v1 files have one channel of unstated wavelength (mwrpy assumes 11.1 um; we leave it unknown).
//
// A HATPRO has one or two IR channels: those are scalars, one per channel, next to the flag and angles. An
// instrument with more channels gets one profile per record along the wavelength axis instead.

import { readPointing } from './angles';
import type { ProfileTable, ScalarTable } from './batches';
import type { BinaryCursor } from './binary-cursor';
import type { FileCodeInfo } from './file-codes';
import { rainFlag } from './flags';
import {
  LIMITS,
  float32Attribute,
  listAttribute,
  readFloat32Axis,
  readRecordCount,
  readTimeRef,
} from './header-fields';
import type { FamilyLayout } from './layout';
import { finiteOrNull, readProfileValues } from './missing-values';
import { POINTING_VARIABLES, RAIN_FLAG, UNITS, channelName, profile, scalar } from './variables';

const STREAM = 'hatpro_irt';
/** Above this many channels the IR values are a profile along wavelength rather than separate scalars. */
export const IRT_MAX_SCALAR_CHANNELS = 4;

export function readIrtLayout(cursor: BinaryCursor, info: FileCodeInfo): FamilyLayout {
  const recordCount = readRecordCount(cursor);
  const valueMin = cursor.float32('minimum IR temperature');
  const valueMax = cursor.float32('maximum IR temperature');
  const timeRef = readTimeRef(cursor);
  const wavelengths = info.version === 1 ? [NaN] : readWavelengths(cursor);
  const channels = wavelengths.length;
  const angles = info.angles;
  const asScalars = channels <= IRT_MAX_SCALAR_CHANNELS;

  const channelVariables = asScalars
    ? wavelengths.map((wavelength) =>
        channels === 1 || Number.isNaN(wavelength)
          ? scalar('ir_temperature', UNITS.celsius, 'infrared sky brightness temperature')
          : scalar(channelName('ir_temperature', wavelength, 'um'), UNITS.celsius),
      )
    : [];
  const scalars: ScalarTable = {
    type: 'scalars',
    stream: STREAM,
    variables: [...channelVariables, RAIN_FLAG, ...(angles ? POINTING_VARIABLES : [])],
  };
  const spectra: ProfileTable | null = asScalars
    ? null
    : {
        type: 'profiles',
        stream: STREAM,
        variable: profile('ir_temperature', UNITS.celsius, {
          name: 'wavelength',
          unit: UNITS.micrometre,
          values: wavelengths,
        }),
      };

  return {
    timeRef,
    attributes: {
      wavelengths: info.version === 1 ? null : listAttribute(wavelengths),
      valueMin: float32Attribute(valueMin),
      valueMax: float32Attribute(valueMax),
    },
    sections: [
      {
        label: 'IRT record',
        count: recordCount,
        recordSize: 4 + 1 + 4 * channels + (angles ? 4 : 0),
        readRecord(record, context) {
          const timeMs = context.timeMs(record.int32('record time'));
          const flag = record.uint8('rain flag');
          const irValues = readProfileValues(record, channels, 'IR temperature');
          const pointing = angles ? readPointing(record, angles) : null;
          const angleValues = pointing ? [finiteOrNull(pointing.elevation), finiteOrNull(pointing.azimuth)] : [];
          if (spectra) context.out.addProfile(spectra, timeMs, irValues);
          const channelValues = spectra ? [] : Array.from(irValues, finiteOrNull);
          context.out.addScalars(scalars, timeMs, [...channelValues, rainFlag(flag), ...angleValues]);
        },
      },
    ],
  };
}

function readWavelengths(cursor: BinaryCursor): number[] {
  const count = cursor.count('IR wavelength count', LIMITS.wavelengths);
  return readFloat32Axis(cursor, count, 'IR wavelengths (um)');
}
