// The LV1 header, field by field as rpgpy's `header.py` reads it (RPG FMCW software manual, LV1 layout).
// Every count is bounded before anything is sized from it, and the fields read must end exactly where the
// header's own HeaderLen says, so a header from another version or a corrupted one fails here, not later.

import type { BinaryCursor } from '../rpg-hatpro/binary-cursor';
import type { FmcwFileCode } from './file-codes';

/** Generous ceilings: real radars have ~300-1000 range gates, up to ~100 T/q levels and a handful of chirps. */
export const LIMITS = {
  headerBytes: { min: 64, max: 1024 * 1024 },
  rangeGates: { min: 1, max: 8192 },
  levels: { min: 0, max: 4096 },
  chirps: { min: 1, max: 64 },
  stringBytes: 1024,
} as const;

export interface Lv1Header {
  info: FmcwFileCode;
  headerLength: number;
  /** 0 single polarisation, 1 LDR mode, 2 STSR mode. */
  dualPol: 0 | 1 | 2;
  rangeGates: number[];
  temperatureLevels: number;
  humidityLevels: number;
  /** Facts for the ledger row. */
  attributes: Record<string, string | number | null>;
}

export function readLv1Header(cursor: BinaryCursor, info: FmcwFileCode): Lv1Header {
  const lengthAt = cursor.offset;
  const headerLength = cursor.count('header length (HeaderLen)', LIMITS.headerBytes);
  const attributes: Lv1Header['attributes'] = { fileCode: info.code, level: info.level, version: info.version };
  if (info.consistencyChecked) attributes.consistencyChecked = 1;
  if (info.version > 2) {
    attributes.startTime = uint32(cursor, 'StartTime');
    attributes.stopTime = uint32(cursor, 'StopTime');
  }
  attributes.programNumber = cursor.int32('chirp program number (CGProg)');
  attributes.modelNumber = cursor.int32('model number (ModelNo)');
  attributes.programName = nulTerminated(cursor, 'program name (ProgName)');
  attributes.customerName = nulTerminated(cursor, 'customer name (CustName)');
  attributes.frequencyGHz = cursor.float32('radar frequency (Freq)');
  attributes.antennaSeparation = cursor.float32('antenna separation (AntSep)');
  attributes.antennaDiameter = cursor.float32('antenna diameter (AntDia)');
  attributes.antennaGain = cursor.float32('antenna gain (AntG)');
  attributes.halfPowerBeamWidth = cursor.float32('half power beam width (HPBW)');
  const dualPolAt = cursor.offset;
  const dualPol = cursor.uint8('polarisation mode (DualPol)');
  if (dualPol !== 0 && dualPol !== 1 && dualPol !== 2) {
    cursor.fail(`expected polarisation mode (DualPol) 0, 1 or 2, found ${dualPol}`, dualPolAt);
  }
  attributes.dualPol = dualPol;
  attributes.sampleDuration = cursor.float32('sample duration (SampDur)');
  attributes.latitude = cursor.float32('GPS latitude (GPSLat)');
  attributes.longitude = cursor.float32('GPS longitude (GPSLong)');
  attributes.calibrationInterval = cursor.int32('calibration interval (CalInt)');
  const rangeGateCount = cursor.count('range gate count (RAltN)', LIMITS.rangeGates);
  const temperatureLevels = cursor.count('temperature level count (TAltN)', LIMITS.levels);
  const humidityLevels = cursor.count('humidity level count (HAltN)', LIMITS.levels);
  const chirps = cursor.count('chirp sequence count (SequN)', LIMITS.chirps);
  const rangeGates = cursor.float32List(rangeGateCount, 'range gates (RAlts)');
  cursor.skip(4 * (temperatureLevels + humidityLevels), 'temperature and humidity levels (TAlts, HAlts)');
  attributes.rangeGates = rangeGateCount;
  attributes.spectralSamples = cursor.int32List(chirps, 'spectral samples per chirp (SpecN)').join(',');
  attributes.chirpStartGates = cursor.int32List(chirps, 'chirp start gates (RngOffs)').join(',');
  attributes.chirpRepetitions = cursor.int32List(chirps, 'chirp repetitions (ChirpReps)').join(',');
  attributes.integrationTimes = list(cursor.float32List(chirps, 'integration times (SeqIntTime)'));
  attributes.rangeResolutions = list(cursor.float32List(chirps, 'range resolutions (dR)'));
  attributes.nyquistVelocities = list(cursor.float32List(chirps, 'Nyquist velocities (MaxVel)'));
  if (info.version > 2) readProcessingFlags(cursor, info, attributes);

  const headerEnd = lengthAt + 4 + headerLength;
  if (cursor.offset !== headerEnd) {
    cursor.fail(
      `the header's fields end at byte ${cursor.offset}, but its length field (HeaderLen ${headerLength}) puts the ` +
        `end at byte ${headerEnd}: not an LV1 v${info.version} header, or a corrupted one`,
      lengthAt,
    );
  }
  return { info, headerLength, dualPol, rangeGates, temperatureLevels, humidityLevels, attributes };
}

/** Version 3.5 and 4.0: processing switches; 4.0 adds the calibration period and a reserved block. */
function readProcessingFlags(cursor: BinaryCursor, info: FmcwFileCode, attributes: Lv1Header['attributes']): void {
  attributes.powerLevelling = cursor.uint8('power levelling flag (SupPowLev)');
  attributes.spikeFilter = cursor.uint8('spike filter flag (SpkFilEna)');
  attributes.phaseCorrection = cursor.uint8('phase correction flag (PhaseCorr)');
  attributes.relativePowerCorrection = cursor.uint8('relative power correction flag (RelPowCorr)');
  attributes.fftWindow = cursor.uint8('FFT window (FFTWindow)');
  attributes.adcVoltageRangeMv = uint16(cursor, 'ADC voltage range (FFTInputRng)');
  attributes.softwareVersion = uint16(cursor, 'software version (SWVersion)') / 100;
  attributes.noiseFilterThreshold = cursor.float32('noise filter threshold (NoiseFilt)');
  if (info.version === 4) {
    // InstCalPar (rpgpy reads an int32 "calibration period", but real files hold what looks like a float32),
    // then 24 int32 and 10000 uint32 the manual reserves: none of it is kept.
    cursor.skip(4 + 4 * 24 + 4 * 10000, 'the calibration field and reserved header block (1 + 24 + 10000 int32)');
  }
}

function uint32(cursor: BinaryCursor, what: string): number {
  return cursor.int32(what) >>> 0;
}

function uint16(cursor: BinaryCursor, what: string): number {
  const low = cursor.uint8(what);
  return low + 256 * cursor.uint8(what);
}

function nulTerminated(cursor: BinaryCursor, what: string): string {
  const start = cursor.offset;
  const bytes: number[] = [];
  for (;;) {
    const byte = cursor.uint8(`${what} (NUL-terminated text)`);
    if (byte === 0) break;
    if (bytes.length >= LIMITS.stringBytes) cursor.fail(`${what} runs over ${LIMITS.stringBytes} bytes without its NUL`, start);
    bytes.push(byte);
  }
  return Buffer.from(bytes).toString('latin1');
}

function list(values: number[]): string {
  return values.map((value) => String(Number(value.toPrecision(7)))).join(',');
}
