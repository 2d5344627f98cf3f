// The `vehicle-log` instrument kind: mobile-mesonet style logs from a vehicle (GPS, temperature, humidity,
// pressure), as written by the AMMETS "Rabbit" logger (aidanbxyz/WXLogs):
//   # Start Aug 13 2023 23:18:51 UTC 6mi S of Arnett, OK
//   [f,da,db,dc,ga,go,t,h,p],
//   [914.6,23,18,51,3602.5671,9945.3760,29.09,60.60,93151.56],
//
// What a parse yields: ScalarBatch objects of stream `vehicle`, one variable per column except the clock
// (da, db, dc): frequency (MHz), latitude/longitude (decimal degrees), temperature (degC),
// relative_humidity (%), pressure (Pa); unknown columns keep their log name with no unit. FileMeta keeps
// the first comments, the column list and the counters (counters.ts), final once the batches are consumed.
//
// Decisions, in one place:
// - Time is UTC (the logger's documentation says so; the instrument's timezone setting is not applied).
//   The date is the `# Start` comment's, else YYYY-MM-DD in the file name; a record whose clock is more
//   than 12 h earlier than the one before is on the next day (logs run past midnight).
// - Dropouts: a field that repeats its column name (`go`) or is empty is missing (null). A line that is the
//   header again means no signal: skipped and counted. A record whose clock fields are placeholders cannot
//   be placed in time: left out and counted.
// - Positions: ddmm.mmmm -> degrees. Longitude is written unsigned and is west, so it is stored negative.
//   Latitude exactly 0 means no GPS fix: latitude and longitude null. Minutes >= 60 or degrees out of
//   range: null, counted.
// - Anything else that is not a number, a wrong field count, an impossible clock (25:61:00) or a line that
//   is neither a record, a comment nor blank fails the file with its line number: a log is small and
//   re-sent whole, so a clear quarantine beats a silently patched series.
// - A last line cut off before its `]` is a record still being written: left out (its line number in
//   `unterminatedLastLine`). The last record needs no line end (the logger writes none).

import type { InstrumentKind } from '../types';
import { parseVehicleLog } from './parser';

export { parseVehicleLog } from './parser';

/** A log opens with `#` comments or directly with its `[...]` header line. */
function looksLikeVehicleLog(head: Buffer): boolean {
  const text = head.toString('latin1').replace(/^\uFEFF|^\xEF\xBB\xBF/, '').trimStart();
  return text.startsWith('#') || text.startsWith('[');
}

export const vehicleLog: InstrumentKind = {
  kind: 'vehicle-log',
  description: 'Vehicle (mobile mesonet) logs: GPS position, temperature, humidity and pressure every few seconds',
  parserFor: (_fileName, head) => (looksLikeVehicleLog(head) ? parseVehicleLog : null),
  defaultPattern: '**/*.log',
  quicklook: {
    plots: [
      {
        name: 'timeseries',
        title: 'Vehicle weather',
        panels: [
          { type: 'timeseries', title: 'Temperature (degC)', variables: ['temperature'] },
          { type: 'timeseries', title: 'Relative humidity (%)', variables: ['relative_humidity'] },
          { type: 'timeseries', title: 'Pressure (Pa)', variables: ['pressure'] },
        ],
      },
      {
        name: 'track',
        title: 'Vehicle position',
        panels: [
          { type: 'timeseries', title: 'Latitude (degree_north)', variables: ['latitude'] },
          { type: 'timeseries', title: 'Longitude (degree_east)', variables: ['longitude'] },
        ],
      },
    ],
  },
  keyVariables: ['temperature', 'relative_humidity', 'pressure', 'latitude'],
};
