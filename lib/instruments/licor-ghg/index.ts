// The `licor-ghg` instrument kind: LI-COR `.ghg` archives from SmartFlux / the Analyzer Interface Unit:
// a zip of `<time>_<logger>.data` (tab-separated records at 10-20 Hz from an LI-7200/7500 gas analyser,
// often with a sonic anemometer's u, v, w, SOS on its auxiliary inputs) and `<time>_<logger>.metadata`
// (site, station, timing and instrument settings, as EddyPro reads them).
//
// What a parse yields: ScalarBatch objects of stream `ghg`, one variable per numeric column of the DATAH
// line, named as LI-COR names them (`CO2 (umol/mol)`, `Diagnostic Value`, `Aux 3 - W (m/s)`), the unit
// taken from the parentheses; EddyPro's column description (variable, measure type, nominal time lag) from
// the metadata goes into the variable's attributes. Sequence Number becomes the row's record.
// FileMeta.attributes: every metadata setting as `section.key` (Site.latitude, Timing.acquisition_frequency,
// Instruments.instr_2_model, ...), the .data header as `data.<Key>` (Model, SN, Timezone, ...), and counters.
//
// Decisions, in one place:
// - Time: Seconds + Nanoseconds, which LI-COR writes in UTC. Date and Time are the logger's local clock
//   (`data.Timezone`) and are not used; they are not variables either. Their offset from UTC on the first
//   record goes on the ledger as `localClockOffsetMinutes`, so a logger zone set wrong shows.
// - CHK: each record's checksum (sum of the bytes before it, mod 256) is verified. A record that fails it,
//   or is not a DATA line at all, is a transmission error: skipped and counted in `badChecksumLines`
//   (intact lines of another record type, `LABEL<tab>...<tab>CHK`, in `otherRecordLines`). If
//   failures are not a small minority the file is corrupt and fails. Files without CHK are read strictly.
// - nan (any case) -> null, counted in `nanValues`; any other non-number fails the file with its line.
// - The archive: members are streamed and checked against their CRC-32; a truncated or corrupt zip, a
//   missing member, encryption, more than 64 members or size claims beyond 1 MiB (metadata) / 2 GiB
//   (data) fail with a ParseError before anything is inflated. Biomet members are listed, not parsed.

import type { InstrumentKind } from '../types';
import { parseGhg } from './parser';

export { parseGhg } from './parser';

const ZIP_LOCAL_HEADER = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

export const licorGhg: InstrumentKind = {
  kind: 'licor-ghg',
  description: 'LI-COR .ghg archives (LI-7200/LI-7500 gas analyser and sonic, 10-20 Hz, with SmartFlux metadata)',
  parserFor: (_fileName, head) => (head.subarray(0, 4).equals(ZIP_LOCAL_HEADER) ? parseGhg : null),
  defaultPattern: '**/*.ghg',
  quicklook: {
    plots: [
      {
        name: 'timeseries',
        title: 'Gas analyser',
        panels: [
          { type: 'timeseries', title: 'CO2 (umol/mol)', variables: ['CO2 (umol/mol)'] },
          { type: 'timeseries', title: 'H2O (mmol/mol)', variables: ['H2O (mmol/mol)'] },
          { type: 'timeseries', title: 'Signal strength', variables: ['Average Signal Strength'] },
          { type: 'timeseries', title: 'Cell temperature (C)', variables: ['Cell Temperature (C)'] },
        ],
      },
      {
        name: 'wind',
        title: 'Sonic anemometer',
        panels: [
          { type: 'timeseries', title: 'Wind components (m/s)', variables: ['Aux 1 - U (m/s)', 'Aux 2 - V (m/s)', 'Aux 3 - W (m/s)'] },
          { type: 'timeseries', title: 'Speed of sound (m/s)', variables: ['Aux 4 - SOS (m/s)'] },
        ],
      },
    ],
  },
  keyVariables: ['CO2 (umol/mol)', 'H2O (mmol/mol)', 'Average Signal Strength', 'Diagnostic Value'],
};
