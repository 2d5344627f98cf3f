// A vehicle driving a loop around a site at 1 Hz: GPS, wind, temperature, humidity and pressure as smooth
// functions of time plus a little deterministic noise. Deterministic in time on purpose: the same second
// always yields the same values, so a restarted demo re-creates the history its ring buffer claims to hold.

export interface FieldDef {
  name: string;
  type: string;
  units?: string;
  process: string;
}

export interface LoggerProgram {
  /** The logger program file name, as DataQuery reports it in `prog_name`. */
  progName: string;
  fields: FieldDef[];
  /** Values for the record at `tSec` (Unix seconds); NaN where the logger would write NAN. */
  values(tSec: number, options: { gpsFix: boolean }): number[];
}

const CENTER = { lat: 52.38, lon: 4.9 };
const LOOP_SECONDS = 1800;
const LOOP_RADIUS_M = 2500;
const M_PER_DEG_LAT = 111_320;

/** A hash of an integer to [0, 1): cheap noise that does not depend on call order. */
function noise(t: number, salt: number): number {
  let h = (Math.imul(t | 0, 2654435761) ^ Math.imul(salt, 40503)) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 2246822507) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 3266489909) >>> 0;
  return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

function vehicle(tSec: number) {
  const phase = (2 * Math.PI * (tSec % LOOP_SECONDS)) / LOOP_SECONDS;
  // An ellipse, so that speed and course change along the loop.
  const north = LOOP_RADIUS_M * Math.sin(phase);
  const east = 1.6 * LOOP_RADIUS_M * Math.cos(phase);
  const dNorth = LOOP_RADIUS_M * Math.cos(phase);
  const dEast = -1.6 * LOOP_RADIUS_M * Math.sin(phase);
  const scale = (2 * Math.PI) / LOOP_SECONDS;
  const speed = Math.hypot(dNorth, dEast) * scale;
  const course = (Math.atan2(dEast, dNorth) * 180) / Math.PI;
  return {
    lat: CENTER.lat + north / M_PER_DEG_LAT,
    lon: CENTER.lon + east / (M_PER_DEG_LAT * Math.cos((CENTER.lat * Math.PI) / 180)),
    speed,
    course: (course + 360) % 360,
  };
}

function weather(tSec: number) {
  const day = (2 * Math.PI * (tSec % 86_400)) / 86_400;
  const gust = noise(tSec, 1) - 0.5;
  return {
    windSpeed: Math.max(0, 6 + 3 * Math.sin((2 * Math.PI * tSec) / 600) + 2.5 * gust),
    windDir: (250 + 35 * Math.sin((2 * Math.PI * tSec) / 900) + 20 * (noise(tSec, 2) - 0.5) + 360) % 360,
    airT: 9 + 5 * Math.sin(day - 2.2) + 0.3 * (noise(tSec, 3) - 0.5),
    rh: Math.min(100, Math.max(5, 72 - 14 * Math.sin(day - 2.2) + 2 * (noise(tSec, 4) - 0.5))),
    pressure: 1008 + 4 * Math.sin((2 * Math.PI * tSec) / 14_400) + 0.05 * (noise(tSec, 5) - 0.5),
  };
}

const BASE_FIELDS: FieldDef[] = [
  { name: 'BattV', type: 'xsd:float', units: 'Volts', process: 'Smp' },
  { name: 'WS_ms', type: 'xsd:float', units: 'meters/second', process: 'Smp' },
  { name: 'WindDir', type: 'xsd:float', units: 'degrees', process: 'Smp' },
  { name: 'AirTC', type: 'xsd:float', units: 'Deg C', process: 'Smp' },
  { name: 'RH', type: 'xsd:float', units: '%', process: 'Smp' },
  { name: 'BP_hPa', type: 'xsd:float', units: 'hPa', process: 'Smp' },
  { name: 'GPS_Lat', type: 'xsd:double', units: 'degrees', process: 'Smp' },
  { name: 'GPS_Lon', type: 'xsd:double', units: 'degrees', process: 'Smp' },
  { name: 'GPS_Speed', type: 'xsd:float', units: 'meters/second', process: 'Smp' },
  { name: 'GPS_Course', type: 'xsd:float', units: 'degrees', process: 'Smp' },
];

function baseValues(tSec: number, gpsFix: boolean): number[] {
  const v = vehicle(tSec);
  const w = weather(tSec);
  const gps = gpsFix ? [round(v.lat, 6), round(v.lon, 6), round(v.speed, 2), round(v.course, 1)] : [NaN, NaN, NaN, NaN];
  return [round(12.6 + 0.2 * noise(tSec, 6), 2), round(w.windSpeed, 2), round(w.windDir, 1), round(w.airT, 2), round(w.rh, 1),
    round(w.pressure, 2), ...gps];
}

/** The program the simulated logger starts with. */
export const vehicleProgram: LoggerProgram = {
  progName: 'CPU:vehicle_1hz.CR1X',
  fields: BASE_FIELDS,
  values: (tSec, { gpsFix }) => baseValues(tSec, gpsFix),
};

/** A revised program (a wind gust field added): what the "program change" switch loads. */
export const vehicleProgramRevised: LoggerProgram = {
  progName: 'CPU:vehicle_1hz_v2.CR1X',
  fields: [...BASE_FIELDS, { name: 'WS_ms_Max', type: 'xsd:float', units: 'meters/second', process: 'Max' }],
  values: (tSec, { gpsFix }) => {
    const values = baseValues(tSec, gpsFix);
    return [...values, round(values[1]! + 1.5 * noise(tSec, 7), 2)];
  },
};

/** A 16-bit signature of a table layout, like the one a Campbell logger computes for its table definitions. */
export function tableSignature(program: LoggerProgram, tableName: string): number {
  const text = `${program.progName}|${tableName}|${program.fields.map((f) => `${f.name}:${f.type}:${f.process}`).join(',')}`;
  let sum = 0;
  for (let i = 0; i < text.length; i++) sum = (Math.imul(sum, 31) + text.charCodeAt(i)) >>> 0;
  return sum % 65_536;
}
