// The `campbell-tob3` instrument kind: Campbell Scientific TOB3 files, the framed binary format CR1000/CR3000/
// CR6 loggers write to cards for high-rate tables (CSAT3 sonic + gas analyser flux data at 10-20 Hz).
//
// What a parse yields: ScalarBatch objects of options.batchSize rows; stream = the table name (header line
// 2); variables = every numeric field in file order (TOB1's data types: FP2, IEEE4, ULONG, ...); record =
// the frame's first record number plus the record's index in the frame. FileMeta.attributes: header lines 1
// and 2 (station, model, serial, program, table, record interval, frame size, validation stamp, time
// resolution, ring record, card removal time), the layout, and counters final once batches are consumed.
//
// Decisions, in one place:
// - Time: frame seconds since 1990 + sub-second ticks x the header's frame time resolution, plus the
//   record's index x the record interval; the logger clock read in options.timezone (like TOA5/TOB1).
// - Frame validation: the footer's stamp must be header line 2's validation stamp or its complement;
//   other frames are skipped and counted (`invalidFrames`), all-zero ones as `unwrittenFrames`. A file with
//   frames but none valid fails: it is corrupt or its header belongs to another file.
// - Empty frames are skipped; minor frames are split into their sub-frames; file and card-removal marks
//   are counted, their records kept.
// - Ring memory: rows come oldest first. The stamp flips on every lap, so where the first and last frames
//   differ the oldest frame is found by a binary search on footers, as Campbell's reader does. Bytes after
//   the last whole frame (a frame being written) are ignored and counted.
// - NAN / INF values -> null, counted (as TOB1). Oversized or impossible header claims (frame size beyond
//   1 MiB, a frame too small for one record, unknown data types) fail with the header line.

import type { FileParser, InstrumentKind } from '../types';
import { parseTob3 } from './parser';

export { parseTob3 } from './parser';

export function tob3ParserFor(head: Buffer): FileParser | null {
  const text = head.toString('latin1', 0, 8);
  return text.startsWith('"TOB3"') || text.startsWith('TOB3,') ? parseTob3 : null;
}

export const campbellTob3: InstrumentKind = {
  kind: 'campbell-tob3',
  description: 'Campbell Scientific TOB3 card files (framed binary, high-rate flux tables)',
  parserFor: (_fileName, head) => tob3ParserFor(head),
  defaultPattern: '**/*.dat',
  quicklook: {
    plots: [
      {
        name: 'timeseries',
        title: 'Sonic and gas analyser',
        panels: [
          { type: 'timeseries', title: 'Wind components (m/s)', variables: ['Ux', 'Uy', 'Uz'] },
          { type: 'timeseries', title: 'Sonic temperature (degC)', variables: ['Ts'] },
          { type: 'timeseries', title: 'CO2 (mg/m^3)', variables: ['CO2'] },
          { type: 'timeseries', title: 'H2O (g/m^3)', variables: ['H2O'] },
        ],
      },
    ],
  },
  keyVariables: ['Ux', 'Uz', 'Ts', 'CO2'],
};
