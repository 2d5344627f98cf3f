// The `campbell-toa5` instrument kind: Campbell Scientific TOA5 (ASCII) and TOB1 (binary) table files.
//
// What a parse yields: ScalarBatch objects of options.batchSize rows; stream = the table name (header
// line 1, field 8); variables = every numeric field except TIMESTAMP / SECONDS / NANOSECONDS / RECORD,
// in file order; RECORD goes to ScalarRow.record. FileMeta.attributes carries the header (format, station,
// model, serial, os, program, signature, table), `stringColumns` (comma-joined text fields left out of the
// variables) and counters that are final once the batches have been consumed (see RowCounters).
//
// Decisions, in one place:
// - Missing values: NAN (any sign or case) -> null, counted in `nanValues`.
// - INF / -INF -> null as well, counted in `infValues`. A Campbell INF is an overflow marker (division by
//   zero, a reading beyond FP2's +-7999, a failed sensor), not a measurement; stored as Infinity it would
//   turn every average it touches into Infinity, and JSON (the partner API, SSE) cannot carry it. The
//   count keeps it visible.
// - Time: the logger clock (no zone) read in options.timezone (IANA, default UTC); DST overlaps take the
//   earlier instant and DST gaps shift forward (lib/time/zone-clock.ts), counted in `dstAmbiguousRows`/`dstGapRows`.
// - RECORD resets (a table reset) and repeats are normal: counted in `recordResets`/`recordRepeats`, and
//   clocks set back in `timeReversals`; none of them fails a parse.
// - Header-only files are valid and yield no rows; a header cut short before its last line is an error.
// - A file being appended to: a parse covers the bytes present when the parser opened it; later bytes are
//   ignored, and a file that shrinks or is replaced meanwhile fails. A TOA5 last line without its line end
//   is a record still being written: it is left out (line number in `unterminatedLastLine`) rather than
//   stored torn. A TOB1 file ending inside a record fails with the byte offset of that record, except for
//   a lone trailing line end (the real Toxx sample has one), reported in `trailingBytesIgnored`.
// - Limits: lines up to 16 MiB (tens of thousands of fields are fine); quoted strings must not contain
//   line breaks (Campbell strings do not).

import type { FileParser, InstrumentKind } from '../types';
import { parseToa5 } from './toa5';
import { parseTob1 } from './tob1';
import { campbellQuicklook } from './quicklook';

export { parseToa5 } from './toa5';
export { parseTob1 } from './tob1';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** Picks the parser from the first bytes: `"TOA5"` or `"TOB1"` (quoted as Campbell writes them, or bare). */
export function campbellParserFor(head: Buffer): FileParser | null {
  const start = head.subarray(0, 3).equals(BOM) ? 3 : 0;
  const text = head.toString('latin1', start, start + 7);
  if (text.startsWith('"TOA5"') || text.startsWith('TOA5,')) return parseToa5;
  if (text.startsWith('"TOB1"') || text.startsWith('TOB1,')) return parseTob1;
  return null;
}

export const campbellToa5: InstrumentKind = {
  kind: 'campbell-toa5',
  description: 'Campbell Scientific logger tables as TOA5 (ASCII) or TOB1 (binary) files',
  parserFor: (_fileName: string, head: Buffer) => campbellParserFor(head),
  defaultPattern: '**/*.dat',
  quicklook: campbellQuicklook,
  // No keyVariables: a logger's program names its variables, so the overview shows each logger's first ones.
};
