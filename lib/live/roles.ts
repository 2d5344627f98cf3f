// Which logger variables the live page charts. Loggers name things as their programmers liked, so the page
// recognises the usual Campbell spellings (WS_ms, WindDir, AirTC, RH, BP_hPa, GPS_Lat ...); a variable it
// does not recognise still shows up in the latest-values table.
import type { LiveVariableDto } from './feed-types';

export const ROLES = ['windSpeed', 'windDir', 'temperature', 'humidity', 'pressure', 'lat', 'lon'] as const;
export type Role = (typeof ROLES)[number];
export type RoleMap = Partial<Record<Role, string>>;

const PATTERNS: Record<Role, RegExp> = {
  windSpeed: /^(ws|wspd|wind_?speed|windspd|u_?wind)(_|$)/i,
  windDir: /^(wd|wdir|wind_?dir(ection)?)(_|$)/i,
  temperature: /^(air_?tc?|t_?air|airtemp|temp(erature)?|ta)(_|$)/i,
  humidity: /^(rh|relhum|rel_?humidity|humidity)(_|$)/i,
  pressure: /^(bp|baro|press(ure)?|p_?(hpa|mbar)|slp)(_|$)/i,
  lat: /(^|_)lat(itude)?(_|$)/i,
  lon: /(^|_)(lon|long|lng|longitude)(_|$)/i,
};

/** A statistic of a quantity (a gust maximum, a standard deviation) is not the quantity itself. */
const STATISTIC = /_(max|min|std|sd|avg_?max)$/i;

export function detectRoles(variables: LiveVariableDto[]): RoleMap {
  const roles: RoleMap = {};
  for (const role of ROLES) {
    const match = variables.find((v) => PATTERNS[role].test(v.name) && !STATISTIC.test(v.name));
    if (match) roles[role] = match.name;
  }
  return roles;
}

/** Factor to hPa for a pressure unit (loggers write Pa, kPa, hPa or mbar). */
export function pressureToHpa(unit: string | null): number {
  const u = (unit ?? '').trim().toLowerCase();
  if (u === 'pa') return 0.01;
  if (u === 'kpa') return 10;
  return 1;
}
