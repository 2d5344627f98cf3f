import { describe, expect, it } from 'vitest';
import { decodeFloatAngle, decodeIntAngle, decodeScanElevation } from '../../../../lib/instruments/rpg-hatpro/angles';
import { encodeAngleV1, encodeAngleV2 } from '../../../helpers/fixtures/hatpro';

const float32 = (value: number) => Math.fround(value);

describe('v1 float angles: sign(El)*(|El| + 1000*Az)', () => {
  it('decodes the examples of cloudnetpy/mwrpy', () => {
    expect(decodeFloatAngle(float32(1267438.5))).toEqual({ elevation: 138.5, azimuth: 267.4 });
    expect(decodeFloatAngle(float32(90))).toEqual({ elevation: 90, azimuth: 0 });
  });

  it('carries the sign of the elevation', () => {
    expect(decodeFloatAngle(float32(-(30 + 1000 * 120.5)))).toEqual({ elevation: -30, azimuth: 120.5 });
  });

  it('rounds away float32 noise to the precision the stored value can resolve', () => {
    expect(decodeFloatAngle(float32(89.95))).toEqual({ elevation: 89.95, azimuth: 0 });
    expect(decodeFloatAngle(float32(19.2 + 1000 * 180.3))).toEqual({ elevation: 19.2, azimuth: 180.3 });
  });

  it('round-trips through the fixture encoder', () => {
    for (const [elevation, azimuth] of [[90, 0], [30, 359.9], [4.2, 12.5], [145.3, 310.4], [-12.5, 77.7]] as const) {
      expect(decodeFloatAngle(float32(encodeAngleV1(elevation, azimuth)))).toEqual({ elevation, azimuth });
    }
  });

  it('reports NaN for a non-finite code', () => {
    expect(decodeFloatAngle(NaN)).toEqual({ elevation: NaN, azimuth: NaN });
  });
});

describe('v2 integer angles: digits El*100 then five digits Az*100', () => {
  it('decodes the examples of cloudnetpy/mwrpy', () => {
    expect(decodeIntAngle(1453031045)).toEqual({ elevation: 145.3, azimuth: 310.45 });
    expect(decodeIntAngle(-900001232)).toEqual({ elevation: -90, azimuth: 12.32 });
  });

  it('decodes the codes seen in real files', () => {
    expect(decodeIntAngle(900000002)).toEqual({ elevation: 90, azimuth: 0.02 });
    expect(decodeIntAngle(900036002)).toEqual({ elevation: 90, azimuth: 360.02 });
    expect(decodeIntAngle(899500002)).toEqual({ elevation: 89.95, azimuth: 0.02 });
  });

  it('never produces a negative zero', () => {
    expect(Object.is(decodeIntAngle(-1232).elevation, 0)).toBe(true);
  });

  it('round-trips through the fixture encoder', () => {
    for (const [elevation, azimuth] of [[90, 0], [30.25, 359.99], [-5, 180], [145.3, 310.45]] as const) {
      expect(decodeIntAngle(encodeAngleV2(elevation, azimuth))).toEqual({ elevation, azimuth });
    }
  });
});

describe('BLB scan elevations', () => {
  it('are plain elevations below 1000 and v1-encoded above', () => {
    expect(decodeScanElevation(float32(19.2))).toBeCloseTo(19.2, 5);
    expect(decodeScanElevation(float32(160))).toBe(160);
    expect(decodeScanElevation(float32(encodeAngleV1(30, 180)))).toBe(30);
  });
});
