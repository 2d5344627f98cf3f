// The simulated atmosphere every demo instrument observes, as pure functions of time: the met tower, the
// ceilometer, the radiometer and the sky camera all see the same cloud at the same moment, so their data
// agree the way real co-located instruments do. Deterministic (no Math.random): a restart, a backfill and a
// test all get the same value for the same instant.
//
// Magnitudes are Summit Station's (3200 m on the Greenland ice sheet): about -30 °C (-44 in winter, -14 in
// summer), 665-690 hPa, a few m/s of katabatic wind from the south, 1-8 kg m-2 of water vapour.
import { type Site, sunPosition, type SunPosition } from './solar';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const YEAR = 365.25 * DAY;
const STEFAN_BOLTZMANN = 5.670374e-8;

/** A sine of the given period and phase: slow weather is a sum of a few incommensurate ones. */
const wave = (t: number, periodMs: number, phase: number): number => Math.sin((2 * Math.PI * t) / periodMs + phase);
const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));

/** Reproducible white noise in [-1, 1) for one channel and one second (a 32-bit integer hash). */
export function noise(timeMs: number, channel: number): number {
  let h = Math.imul(Math.floor(timeMs / 1000) | 0, 0x9e3779b1) ^ Math.imul(channel + 1, 0x85ebca6b);
  h ^= h >>> 15;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 13;
  h = Math.imul(h, 0x27d4eb2f);
  h ^= h >>> 16;
  return (h >>> 0) / 2 ** 31 - 1;
}

export interface Cloud {
  /** Fraction of the sky covered, 0-1. */
  cover: number;
  /** Height of the cloud base above the instruments, m. */
  baseM: number;
  thicknessM: number;
}

/** A liquid-topped stratus deck that comes and goes over hours and whose base wanders between ~350 and ~1500 m. */
export function cloudAt(t: number): Cloud {
  const cloudiness = 0.55 + 0.35 * wave(t, 7.3 * HOUR, 0.4) + 0.15 * wave(t, 2.1 * HOUR, 1.3);
  const x = clamp((cloudiness - 0.35) / 0.3, 0, 1);
  return {
    cover: x * x * (3 - 2 * x),
    baseM: 900 + 450 * wave(t, 5 * HOUR, 0) + 120 * wave(t, 41 * 60_000, 2),
    thicknessM: 250 + 100 * wave(t, 5 * HOUR, 1),
  };
}

export interface Surface {
  sun: SunPosition;
  airTemperatureC: number;
  relativeHumidity: number;
  pressureHpa: number;
  windSpeed: number;
  windGust: number;
  windDirection: number;
  /** Broadband radiation, W m-2. */
  shortwaveIn: number;
  shortwaveOut: number;
  longwaveIn: number;
  longwaveOut: number;
}

export function surfaceAt(t: number, site: Site): Surface {
  const sun = sunPosition(t, site);
  const cloud = cloudAt(t);
  // Warmest in late July, coldest in January; clouds keep the surface warmer, the sun warms it by day.
  const seasonal = -30 + 14 * wave(t - Date.UTC(2000, 3, 20), YEAR, 0);
  const airTemperatureC = seasonal + 0.15 * Math.max(sun.elevation, -10) + 3 * cloud.cover +
    6 * wave(t, 4.3 * DAY, 0.2) + 2.5 * wave(t, 1.7 * DAY, 2) + 0.05 * noise(t, 1);
  const airK = airTemperatureC + 273.15;
  // Clear sky through an air mass 1/sin(elevation) with 0.78 transmission per air mass, dimmed by cloud.
  const sinSun = Math.sin((sun.elevation * Math.PI) / 180);
  const shortwaveIn = sinSun > 0.01 ? 1361 * sinSun * 0.78 ** (1 / sinSun) * (1 - 0.65 * cloud.cover) : 0;
  // Under clear skies a strong surface inversion makes the snow colder than the air.
  const surfaceK = airK - 1.5 * (1 - cloud.cover);
  const windSpeed = Math.max(0.2, 5.5 + 3 * wave(t, 2.7 * DAY, 0.5) + 1.5 * wave(t, 9 * HOUR, 1.7) + 0.6 * noise(t, 4));
  return {
    sun,
    airTemperatureC,
    relativeHumidity: clamp(75 + 8 * wave(t, 3.1 * DAY, 0.9) + 10 * cloud.cover + 0.3 * noise(t, 2), 30, 100),
    pressureHpa: 675 + 7 * wave(t, 5.2 * DAY, 1.1) + 2 * wave(t, 2.1 * DAY, 0.3) + 0.02 * noise(t, 3),
    windSpeed,
    windGust: windSpeed * 1.35 + 0.3 * Math.abs(noise(t, 5)),
    windDirection: (((190 + 45 * wave(t, 3.3 * DAY, 2.2) + 10 * wave(t, 5 * HOUR, 0) + 5 * noise(t, 6)) % 360) + 360) % 360,
    shortwaveIn,
    shortwaveOut: 0.83 * shortwaveIn, // fresh snow albedo
    longwaveIn: (0.65 + 0.33 * cloud.cover) * STEFAN_BOLTZMANN * airK ** 4 + 2 * noise(t, 7),
    longwaveOut: 0.99 * STEFAN_BOLTZMANN * surfaceK ** 4 + 1 * noise(t, 8),
  };
}

export interface Column {
  /** Liquid water path, g m-2; a radiometer's retrieval scatters a few g m-2 around zero in clear sky. */
  lwp: number;
  /** Integrated water vapour, kg m-2. */
  iwv: number;
}

export function columnAt(t: number): Column {
  const cloud = cloudAt(t);
  const summer = 0.5 + 0.5 * wave(t - Date.UTC(2000, 3, 20), YEAR, 0);
  return {
    lwp: cloud.cover * (60 + 40 * wave(t, 1.3 * HOUR, 0.7)) + 4 * noise(t, 11),
    iwv: Math.max(0.3, 1.5 + 4.5 * summer + 0.5 * wave(t, 2.3 * DAY, 0.1) + 0.4 * cloud.cover + 0.05 * noise(t, 12)),
  };
}
