// The demo's met tower `asfs`: a CR1000X whose one-minute table LoggerNet collects into one TOA5 file per
// UTC day, `Y2026/M11/D21/asfs_Met_20261121.dat`, one line appended each minute (30 s after the minute, as a
// collection schedule with an offset would). Records are stamped at the end of their minute, as Campbell
// loggers do, and a day's file holds the records whose timestamps fall on that day.
import fs from 'node:fs';
import { type Producer, type ProducerContext, MINUTE_MS, round, utcFields } from '../producer';
import { surfaceAt } from '../weather';
import { toa5Header, toa5Line, type Toa5Table } from '../writers/toa5';

export const MET_TABLE: Toa5Table = {
  station: 'asfs',
  model: 'CR1000X',
  serial: '10452',
  os: 'CR1000X.Std.07.01',
  program: 'CPU:asfs_met_v3.CR1X',
  signature: '28317',
  table: 'Met',
  fields: [
    { name: 'BattV_Min', unit: 'Volts', processing: 'Min' },
    { name: 'PTemp_C_Avg', unit: 'Deg C', processing: 'Avg' },
    { name: 'AirTC_Avg', unit: 'Deg C', processing: 'Avg' },
    { name: 'RH', unit: '%', processing: 'Smp' },
    { name: 'BP_mbar_Avg', unit: 'mbar', processing: 'Avg' },
    { name: 'WS_ms_S_WVT', unit: 'meters/second', processing: 'WVc' },
    { name: 'WindDir_D1_WVT', unit: 'Deg', processing: 'WVc' },
    { name: 'WS_ms_Max', unit: 'meters/second', processing: 'Max' },
    { name: 'SWin_Avg', unit: 'W/m^2', processing: 'Avg' },
    { name: 'SWout_Avg', unit: 'W/m^2', processing: 'Avg' },
    { name: 'LWin_Avg', unit: 'W/m^2', processing: 'Avg' },
    { name: 'LWout_Avg', unit: 'W/m^2', processing: 'Avg' },
  ],
};

/** RECORD counts minutes since the logger program was (notionally) sent, so restarts continue the count. */
const PROGRAM_START_MS = Date.UTC(2024, 0, 1);

export function metDayFilePath(recordTimeMs: number): string {
  const f = utcFields(recordTimeMs);
  return `Y${f.yyyy}/M${f.mm}/D${f.dd}/asfs_Met_${f.yyyy}${f.mm}${f.dd}.dat`;
}

export function metRecordValues(timeMs: number, context: ProducerContext): number[] {
  const s = surfaceAt(timeMs, context.site);
  return [
    round(12.9 - 0.15 * Math.max(0, -s.airTemperatureC - 30) / 10, 2),
    round(s.airTemperatureC + 3 + s.shortwaveIn / 150, 2),
    round(s.airTemperatureC, 3),
    round(s.relativeHumidity, 2),
    round(s.pressureHpa, 2),
    round(s.windSpeed, 3),
    round(s.windDirection, 1),
    round(s.windGust, 3),
    round(s.shortwaveIn, 1),
    round(s.shortwaveOut, 1),
    round(s.longwaveIn, 1),
    round(s.longwaveOut, 1),
  ];
}

/** The last record's time in an existing day file, so a restart after a lost state file adds no duplicates. */
function lastRecordTime(file: string): number {
  if (!fs.existsSync(file)) return -Infinity;
  const stamps = [...fs.readFileSync(file, 'latin1').matchAll(/^"(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)"/gm)];
  const last = stamps.at(-1)?.[1];
  return last ? Date.parse(`${last.replace(' ', 'T')}Z`) : -Infinity;
}

export function metTower(context: ProducerContext): Producer {
  const lastWritten = new Map<string, number>();
  return {
    instrument: 'asfs',
    periodMs: MINUTE_MS,
    delayMs: 30_000,
    async write({ startMs, dueMs }, folder) {
      const recordTimeMs = startMs + MINUTE_MS;
      const line = toa5Line({
        wallMs: recordTimeMs,
        record: Math.max(0, Math.round((recordTimeMs - PROGRAM_START_MS) / MINUTE_MS)),
        values: metRecordValues(recordTimeMs, context),
      });
      const relativePath = metDayFilePath(recordTimeMs);
      const last = lastWritten.get(relativePath) ?? lastRecordTime(folder.pathOf(relativePath));
      if (recordTimeMs <= last) return;
      await folder.append(relativePath, dueMs, toa5Header(MET_TABLE), line);
      lastWritten.set(relativePath, recordTimeMs);
    },
  };
}
