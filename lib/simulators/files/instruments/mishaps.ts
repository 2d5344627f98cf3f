// Two things that go wrong in the field, each written once per demo data folder so that a newcomer sees the
// ledger's `late` flag and `quarantined` state within minutes of the first start:
// - late: yesterday's file of the met tower's hourly diagnostics table turns up now (its logger's card was
//   collected a day late); its mtime is yesterday, so source-sync finds its day already processed.
// - corrupt: a transfer of the tower's Flux table broke off inside the TOA5 header; the parser rejects it.
import { DAY_MS, MINUTE_MS, type ProducerContext, round, utcFields } from '../producer';
import { setMtime, type SourceFolder } from '../source-folder';
import { surfaceAt } from '../weather';
import { toa5Header, toa5Line, type Toa5Table } from '../writers/toa5';
import { MET_TABLE } from './met-tower';

/**
 * After start-up, how long until the late file arrives. It is late only once today's first met records are
 * appended (a sync that finds both at once has no processed day to compare with): the worker's every-minute
 * sync of the tower and its append jobs need up to about two minutes from a cold start, so three is safe.
 */
export const LATE_FILE_AFTER_MS = 3 * MINUTE_MS;
const HOUR_MS = 60 * MINUTE_MS;

const DIAG_TABLE: Toa5Table = {
  ...MET_TABLE,
  table: 'Diag',
  fields: [
    { name: 'BattV_Min', unit: 'Volts', processing: 'Min' },
    { name: 'PTemp_C_Avg', unit: 'Deg C', processing: 'Avg' },
    { name: 'AirTC_Max', unit: 'Deg C', processing: 'Max' },
    { name: 'AirTC_Min', unit: 'Deg C', processing: 'Min' },
    { name: 'WS_ms_Max', unit: 'meters/second', processing: 'Max' },
  ],
};

const FLUX_TABLE: Toa5Table = {
  ...MET_TABLE,
  table: 'Flux',
  fields: ['Ux', 'Uy', 'Uz', 'Ts', 'H2O', 'CO2', 'diag_csat', 'diag_irga'].map((name) => ({ name: `${name}_Avg`, unit: '', processing: 'Avg' })),
};

const datedName = (table: string, dayMs: number): string => {
  const f = utcFields(dayMs);
  return `Y${f.yyyy}/M${f.mm}/D${f.dd}/asfs_${table}_${f.yyyy}${f.mm}${f.dd}.dat`;
};

/** Yesterday's hourly diagnostics (24 records), dated yesterday evening. Returns its path in the folder. */
export async function writeLateFile(folder: SourceFolder, nowMs: number, context: ProducerContext): Promise<string> {
  const yesterday = Math.floor(nowMs / DAY_MS) * DAY_MS - DAY_MS;
  const lines = Array.from({ length: 24 }, (_, hour) => {
    const wallMs = yesterday + hour * HOUR_MS;
    const s = surfaceAt(wallMs, context.site);
    return toa5Line({
      wallMs,
      record: Math.round((wallMs - Date.UTC(2024, 0, 1)) / HOUR_MS),
      values: [12.8, round(s.airTemperatureC + 3, 2), round(s.airTemperatureC + 0.6, 2), round(s.airTemperatureC - 0.7, 2), round(s.windGust * 1.2, 2)],
    });
  });
  const relativePath = datedName('Diag', yesterday);
  const full = await folder.writeFile(relativePath, nowMs, toa5Header(DIAG_TABLE) + lines.join(''));
  setMtime(full, yesterday + 23 * HOUR_MS + 40_000);
  return relativePath;
}

/** A Flux table file cut off in its second header line, dated a minute ago. Returns its path in the folder. */
export async function writeCorruptFile(folder: SourceFolder, nowMs: number): Promise<string> {
  const header = toa5Header(FLUX_TABLE);
  const cut = header.indexOf('\r\n') + 2 + 40;
  const relativePath = datedName('Flux', nowMs);
  const full = await folder.writeFile(relativePath, nowMs, header.slice(0, cut));
  setMtime(full, nowMs - MINUTE_MS);
  return relativePath;
}
