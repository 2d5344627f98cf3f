// The contract between instrument-kind modules and the append pipeline.
//
// A parser turns one raw file into a stream of batches. The append stage consumes the stream inside one
// database transaction, so a parser may fail at any point (throwing ParseError) and nothing from that file
// is kept. Parsers never touch the database and never read the whole file into memory when the format
// allows streaming (text formats are read line by line; binary formats record by record).

/** One variable of a stream, as the instrument names it. */
export interface VariableMeta {
  /** The instrument's own name, e.g. `AirTC_Avg`, `beta_att`, `LWP`. */
  name: string;
  /** Unit as written by the instrument or documented by the format (`degC`, `g m-2`, `m-1 sr-1`); null if none. */
  unit: string | null;
  /** Processing, e.g. TOA5's third header line (`Smp`, `Avg`, `Max`, `WVc`), or null. */
  processing: string | null;
  /** `scalar` values go to `observations`; `profile` values (one array per time) go to `profiles`. */
  shape: 'scalar' | 'profile';
  /** For profiles: the axis the array runs along (range gates, frequencies, channels). */
  axis?: { name: string; unit: string | null; values: number[] };
  /** Free-form extra metadata worth keeping (long name, fill value, data type). */
  attributes?: Record<string, string | number>;
}

/** Rows of scalar values: `values[i]` belongs to `variables[i]`; null is missing (NAN, fill value). */
export interface ScalarBatch {
  type: 'scalars';
  /** The stream (table) these rows belong to, e.g. a logger table name `Public`, or `cl61_monitoring`. */
  stream: string;
  variables: VariableMeta[];
  rows: ScalarRow[];
}

export interface ScalarRow {
  /** UTC milliseconds since the Unix epoch (may carry a fraction for sub-millisecond resolution). */
  timeMs: number;
  /** The logger's record number where the format has one (TOA5/TOB1 RECORD); else undefined. */
  record?: number;
  values: (number | null)[];
}

/** Profile rows of one variable: each row is one array along `variable.axis`. */
export interface ProfileBatch {
  type: 'profiles';
  stream: string;
  variable: VariableMeta;
  rows: ProfileRow[];
}

export interface ProfileRow {
  timeMs: number;
  /** Missing values are NaN. */
  values: Float32Array;
}

export type ParsedBatch = ScalarBatch | ProfileBatch;

/** Facts about the file itself, kept on its ledger row (station, logger model, serial, program, firmware). */
export interface FileMeta {
  format: string;
  attributes: Record<string, string | number | null>;
}

export interface ParseOptions {
  /** Name to use in error messages (usually the path relative to the raw store). */
  fileName: string;
  /**
   * IANA time zone of the instrument clock for formats that write local time without a zone (TOA5, TOB1,
   * HATPRO with timeRef=0). Default `UTC`.
   */
  timezone?: string;
  /** Rows per batch; parsers may use a smaller natural unit (one netCDF variable, one record block). */
  batchSize?: number;
  /** Skip rows whose timeMs is <= this (used to append only the new tail of a file that grew). */
  afterTimeMs?: number;
}

/** What a parser returns: metadata known from the header, then the batches. */
export interface ParsedFile {
  meta: FileMeta;
  batches: AsyncIterable<ParsedBatch>;
}

/** A file the parser cannot read. The message says where (line or byte) and what was expected. */
export class ParseError extends Error {
  readonly fileName: string;
  readonly line?: number;
  readonly byteOffset?: number;

  constructor(fileName: string, message: string, where: { line?: number; byteOffset?: number } = {}) {
    const location =
      where.line !== undefined ? `line ${where.line}` : where.byteOffset !== undefined ? `byte ${where.byteOffset}` : null;
    super(location ? `${fileName}: ${location}: ${message}` : `${fileName}: ${message}`);
    this.name = 'ParseError';
    this.fileName = fileName;
    this.line = where.line;
    this.byteOffset = where.byteOffset;
  }
}

/** A parser opens a file by path so that it can stream it. */
export type FileParser = (path: string, options: ParseOptions) => Promise<ParsedFile>;

/** One instrument kind: the module a config's `kind:` names. */
export interface InstrumentKind {
  kind: string;
  /** One line for the docs and the UI. */
  description: string;
  /** Which parser reads a given file (by name and, if needed, its first bytes); null if the file is not data. */
  parserFor(fileName: string, head: Buffer): FileParser | null;
  /** Default glob for source folders when the config gives none. */
  defaultPattern: string;
  /** What the quicklooks job draws for one instrument-day; none means a generic panel of its first variables. */
  quicklook?: QuicklookRecipe;
  /** Variables whose latest values the overview shows (instrument names, at most four). */
  keyVariables?: string[];
}

/** The quicklook images of an instrument kind: one PNG per plot, each made of panels stacked top to bottom. */
export interface QuicklookRecipe {
  plots: QuicklookPlot[];
}

export interface QuicklookPlot {
  /** Stored as the quicklook's `kind` and used in its file name: `timeseries`, `backscatter`, `reflectivity`. */
  name: string;
  title: string;
  panels: QuicklookPanel[];
}

export type QuicklookPanel =
  /** Scalar variables as lines over the day; one y axis, so keep one unit per panel. */
  | { type: 'timeseries'; title: string; variables: string[]; stream?: string }
  /**
   * A profile variable as a time-height (or time-channel) image with a perceptual colour map and a colour bar.
   * `log` draws log10 of the values, `dB` 10·log10 (radar reflectivity in dBZ); `range` fixes the colour
   * limits (in the drawn units), else 1st-99th percentile. `unitLabel` names the drawn units beside the colour
   * bar when the variable's unit with the scale would not (`dBZ` for Ze in mm6 m-3).
   */
  | { type: 'curtain'; title: string; variable: string; stream?: string; scale: CurtainScale; range?: [number, number]; unitLabel?: string };

export type CurtainScale = 'linear' | 'log' | 'dB';
