// Where the sun is, from the time and the site: the low-precision formula of the Astronomical Almanac
// (good to about 0.01°, far better than a simulated radiometer or sky camera needs). It gives the demo's
// radiation and sky images a real diurnal and seasonal cycle at the demo site, polar night included.

const DEG = Math.PI / 180;
const J2000_MS = Date.UTC(2000, 0, 1, 12);

export interface Site {
  /** Degrees north. */
  lat: number;
  /** Degrees east. */
  lon: number;
}

export interface SunPosition {
  /** Degrees above the horizon (negative below). */
  elevation: number;
  /** Degrees clockwise from north. */
  azimuth: number;
}

export function sunPosition(timeMs: number, site: Site): SunPosition {
  const d = (timeMs - J2000_MS) / 86_400_000;
  const meanAnomaly = (357.529 + 0.98560028 * d) * DEG;
  const meanLongitude = 280.459 + 0.98564736 * d;
  const eclipticLongitude = (meanLongitude + 1.915 * Math.sin(meanAnomaly) + 0.02 * Math.sin(2 * meanAnomaly)) * DEG;
  const obliquity = (23.439 - 0.00000036 * d) * DEG;
  const rightAscension = Math.atan2(Math.cos(obliquity) * Math.sin(eclipticLongitude), Math.cos(eclipticLongitude));
  const declination = Math.asin(Math.sin(obliquity) * Math.sin(eclipticLongitude));
  const siderealDeg = 280.46061837 + 360.98564736629 * d;
  const hourAngle = (siderealDeg + site.lon) * DEG - rightAscension;
  const lat = site.lat * DEG;
  const sinElevation = Math.sin(lat) * Math.sin(declination) + Math.cos(lat) * Math.cos(declination) * Math.cos(hourAngle);
  const elevation = Math.asin(Math.max(-1, Math.min(1, sinElevation)));
  const azimuth = Math.atan2(-Math.sin(hourAngle), Math.tan(declination) * Math.cos(lat) - Math.sin(lat) * Math.cos(hourAngle));
  return { elevation: elevation / DEG, azimuth: ((azimuth / DEG) % 360 + 360) % 360 };
}
