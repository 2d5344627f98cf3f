// RPG HATPRO binaries of the three families the demo radiometer writes: LWP and IWV (retrieved products)
// and MET (its surface sensors), in the newer (version 2) layouts. Little-endian throughout, as the RPG
// manual describes (and mwrpy, cloudnetpy, mwr_raw2l1 read). Started from the test fixture writer
// (test/helpers/fixtures/hatpro.ts), kept separate so the demo never imports tests.

const RPG_EPOCH_MS = Date.UTC(2001, 0, 1);
/** First int32 of a file: it names the layout. */
export const HATPRO_FILE_CODES = { LWP: 934501000, IWV: 594811000, MET: 599658944 } as const;
/** timeRef 1: record times are UTC (0 would mean the instrument PC's local time). */
const TIME_REF_UTC = 1;

interface Timed {
  timeMs: number;
  /** Bit 0 rain; in retrieved products bits 1-2 quality level, bits 3-4 its reason. */
  flag?: number;
}

export interface ProductRecord extends Timed {
  value: number;
  elevation: number;
  azimuth: number;
}

export interface MetRecord extends Timed {
  pressureHpa: number;
  temperatureK: number;
  relativeHumidity: number;
  windSpeedKmh: number;
  windDirectionDeg: number;
}

/** Little-endian writer into a buffer of known size (every record here has a fixed length). */
class LittleEndian {
  private at = 0;
  constructor(readonly bytes: Buffer) {}
  int32(...values: number[]): this {
    for (const v of values) this.at = this.bytes.writeInt32LE(v, this.at);
    return this;
  }
  float32(...values: number[]): this {
    for (const v of values) this.at = this.bytes.writeFloatLE(v, this.at);
    return this;
  }
  uint8(value: number): this {
    this.at = this.bytes.writeUInt8(value, this.at);
    return this;
  }
  time(r: Timed): this {
    return this.int32(Math.round((r.timeMs - RPG_EPOCH_MS) / 1000)).uint8(r.flag ?? 0);
  }
}

/** Version 2 pointing: the decimal digits of El*100 followed by five digits of Az*100, sign of El. */
export function encodeAngle(elevation: number, azimuth: number): number {
  const magnitude = Math.round(Math.abs(elevation) * 100) * 1e5 + Math.round(azimuth * 100);
  return elevation < 0 ? -magnitude : magnitude;
}

const minOf = (values: number[]): number => values.reduce((a, b) => Math.min(a, b), values[0] ?? 0);
const maxOf = (values: number[]): number => values.reduce((a, b) => Math.max(a, b), values[0] ?? 0);

/** Header: code, n, min, max, timeRef, retrieval type; record: time, flag, value, angle (13 bytes). */
function writeProduct(code: number, records: ProductRecord[]): Buffer {
  const values = records.map((r) => r.value);
  const w = new LittleEndian(Buffer.alloc(24 + 13 * records.length));
  // Retrieval type 2: a neural network (0 and 1 are linear and quadratic regressions).
  w.int32(code, records.length).float32(minOf(values), maxOf(values)).int32(TIME_REF_UTC, 2);
  for (const r of records) w.time(r).float32(r.value).int32(encodeAngle(r.elevation, r.azimuth));
  return w.bytes;
}

/** Liquid water path in g m-2. */
export const writeLwp = (records: ProductRecord[]): Buffer => writeProduct(HATPRO_FILE_CODES.LWP, records);
/** Integrated water vapour in kg m-2. */
export const writeIwv = (records: ProductRecord[]): Buffer => writeProduct(HATPRO_FILE_CODES.IWV, records);

/** Additional-sensor bits: 0 wind speed (km/h), 1 wind direction (deg). */
const MET_WIND_SENSORS = 0b011;

export function writeMet(records: MetRecord[]): Buffer {
  const columns: number[][] = [
    records.map((r) => r.pressureHpa),
    records.map((r) => r.temperatureK),
    records.map((r) => r.relativeHumidity),
    records.map((r) => r.windSpeedKmh),
    records.map((r) => r.windDirectionDeg),
  ];
  const w = new LittleEndian(Buffer.alloc(9 + 8 * columns.length + 4 + (5 + 4 * columns.length) * records.length));
  w.int32(HATPRO_FILE_CODES.MET, records.length).uint8(MET_WIND_SENSORS);
  for (const column of columns) w.float32(minOf(column), maxOf(column));
  w.int32(TIME_REF_UTC);
  for (const r of records) w.time(r).float32(r.pressureHpa, r.temperatureK, r.relativeHumidity, r.windSpeedKmh, r.windDirectionDeg);
  return w.bytes;
}
